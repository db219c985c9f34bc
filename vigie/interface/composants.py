"""Les petits composants partagés des pages : un graphique avec sa source, un chiffre clé, un
tableau téléchargeable, la carte d'un document à télécharger."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from vigie.exports import tableaux

CONFIG_PLOTLY = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def arreter_si_vide(message: str, *tableaux, avertir: bool = True) -> None:
    """L'état vide d'une page : si l'un des ``tableaux`` n'a aucune ligne, ``message`` (en
    avertissement, ou en simple information avec ``avertir=False``) et la page s'arrête là."""
    if any(tableau.empty for tableau in tableaux):
        (st.warning if avertir else st.info)(message)
        st.stop()


def graphique(fig: go.Figure, cle: str) -> None:
    """Montre une figure Plotly sur toute la largeur (sa source est écrite dans la figure)."""
    st.plotly_chart(fig, width="stretch", config=CONFIG_PLOTLY, key=cle)


def chiffre_cle(
    colonne,
    libelle: str,
    valeur: str,
    evolution: str | None = None,
    aide: str | None = None,
    sens_favorable: str = "off",
) -> None:
    """Un chiffre clé (`st.metric`) avec un commentaire dessous et une bulle qui nomme la source.

    Avec `sens_favorable="off"`, le commentaire est une simple remarque (ni flèche ni couleur) ;
    "normal" colore en vert une variation signée quand elle monte.
    """
    if evolution and sens_favorable != "off":
        # Streamlit lit le sens d'un moins ASCII ; le nôtre est le signe typographique (U+2212).
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


def message_laisse(cle: str) -> None:
    """Montre une fois le message qu'une action a laissé dans `st.session_state[cle]` avant de
    relancer la page (« Scénario enregistré », « Ratio modifié »), puis l'efface."""
    message = st.session_state.pop(cle, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def choisir(widget: Callable, etiquette: str, libelles: dict, cle: str, **options):
    """Un choix parmi les codes de `libelles`, chacun montré par son libellé (`libelles[code]`) :
    `widget` est `st.selectbox` ou `st.multiselect` ; rend le code (ou les codes) choisi(s).
    `options` : les autres paramètres du widget (placeholder, index...)."""
    return widget(etiquette, list(libelles), format_func=libelles.get, key=cle, **options)


def telecharger_csv(
    tableau, nom_fichier: str, cle: str, libelle: str = "Télécharger (CSV)"
) -> None:
    """Le téléchargement CSV d'un tableau tel que montré : séparateur `;`, virgule décimale, UTF-8
    avec BOM, qu'Excel ouvre correctement sur un système français, formules neutralisées
    (`vigie.exports.tableaux.en_csv`)."""
    st.download_button(
        libelle,
        tableaux.en_csv(tableau),
        file_name=nom_fichier,
        mime="text/csv",
        key=cle,
    )


def tableau(donnees, cle: str, nom_fichier: str, **options) -> None:
    """Montre un tableau et, dessous, le bouton qui le télécharge en CSV (`telecharger_csv`), avec
    les mêmes lignes et colonnes que montrées."""
    options.setdefault("hide_index", True)
    options.setdefault("width", "stretch")
    st.dataframe(donnees, key=f"{cle}_tableau", **options)
    telecharger_csv(
        donnees, f"{nom_fichier}.csv", f"{cle}_csv", libelle="Télécharger ce tableau (CSV)"
    )


@dataclass(frozen=True)
class Document:
    """Un document à télécharger, tel que sa carte le présente."""

    titre: str  # « Dossier de séance (PDF) »
    contenu: str  # ce qu'il contient, en une phrase
    bouton: str  # « Télécharger le dossier PDF »
    suffixe: str  # ajouté au préfixe du nom de fichier : « -dossier.pdf »
    mime: str
    cle: str  # la clé du bouton (tests, état de la page)
    icone: str
    principal: bool = False  # le bouton mis en avant


def carte_document(
    colonne, document: Document, donnees: bytes | Callable[[], bytes], prefixe: str
) -> None:
    """La carte d'un document : son titre, ce qu'il contient et le bouton qui le télécharge.

    Args:
        colonne: la colonne (`st.columns`) où la poser.
        document: ce qu'elle présente.
        donnees: le fichier, ou la fonction qui le fabrique au clic (sans réexécuter la page).
        prefixe: le début du nom de fichier (territoire, scénario, horizon).
    """
    with colonne.container(border=True):
        st.markdown(f"#### {document.titre}")
        st.caption(document.contenu)
        st.download_button(
            document.bouton,
            data=donnees,
            file_name=f"{prefixe}{document.suffixe}",
            mime=document.mime,
            key=document.cle,
            icon=document.icone,
            type="primary" if document.principal else "secondary",
            on_click="ignore",
        )


def texte_brut(texte: str) -> str:
    """Un texte venu des données (nom de fichier, en-tête, cellule) prêt à passer dans un message
    Streamlit, qui lit le Markdown : chaque signe de Markdown ou de HTML est échappé, pour qu'une
    image `![p](http://…)` reste du texte et que le navigateur ne la télécharge pas."""
    return MARKDOWN.sub(lambda m: "\\" + m.group(0), str(texte))


MARKDOWN = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~$:=]")
