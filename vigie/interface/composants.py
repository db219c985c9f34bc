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


def tableau(donnees, cle: str, nom_fichier: str, **options) -> None:
    """Show a table and, under it, a button that downloads it as CSV (French spreadsheet format:
    `;`, decimal comma, UTF-8 with BOM), the same rows and columns as shown."""
    from vigie.exports_tableaux import en_csv

    options.setdefault("hide_index", True)
    options.setdefault("width", "stretch")
    st.dataframe(donnees, key=f"{cle}_tableau", **options)
    st.download_button(
        "Télécharger ce tableau (CSV)",
        data=en_csv(donnees),
        file_name=f"{nom_fichier}.csv",
        mime="text/csv",
        key=f"{cle}_csv",
        icon=":material/download:",
    )
