"""Small shared widgets: a chart with its source, a key figure, an error in plain French."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

CONFIG_PLOTLY = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def graphique(fig: go.Figure, cle: str) -> None:
    """Show a Plotly figure full width (its source is drawn inside the figure)."""
    st.plotly_chart(fig, width="stretch", config=CONFIG_PLOTLY, key=cle)


def chiffre_cle(
    colonne,
    libelle: str,
    valeur: str,
    evolution: str | None = None,
    aide: str | None = None,
    sens_favorable: str = "off",
) -> None:
    """One key figure (`st.metric`) with a comment under it and a tooltip naming the source.

    With `sens_favorable="off"` the comment is a plain remark (no arrow, no colour); "normal"
    colours a signed change green when it rises.
    """
    if evolution and sens_favorable != "off":
        # Streamlit reads the direction from an ASCII minus; ours is the typographic one (U+2212).
        evolution = evolution.replace("\u2212", "-")
    colonne.metric(
        libelle,
        valeur,
        delta=evolution,
        delta_color=sens_favorable,
        delta_arrow="auto" if sens_favorable != "off" else "off",
        help=aide,
        border=True,
    )


def telecharger_csv(
    tableau, nom_fichier: str, cle: str, libelle: str = "Télécharger (CSV)"
) -> None:
    """A CSV download of a table as shown: `;` separator, decimal comma, UTF-8 with BOM, which
    Excel opens correctly on a French system."""
    st.download_button(
        libelle,
        tableau.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig"),
        file_name=nom_fichier,
        mime="text/csv",
        key=cle,
    )


def tableau(donnees, cle: str, nom_fichier: str, **options) -> None:
    """Show a table and, under it, the button that downloads it as CSV (`telecharger_csv`), the
    same rows and columns as shown."""
    options.setdefault("hide_index", True)
    options.setdefault("width", "stretch")
    st.dataframe(donnees, key=f"{cle}_tableau", **options)
    telecharger_csv(
        donnees, f"{nom_fichier}.csv", f"{cle}_csv", libelle="Télécharger ce tableau (CSV)"
    )
