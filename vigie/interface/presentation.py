"""Le mode vidéoprojecteur de la page Présentation : la mise en page d'un écran qui tient dans
1280 × 720 sans défiler, la navigation (boutons, flèches ←/→, Page précédente / suivante des
télécommandes de présentation, espace), le retour en haut à chaque écran, et l'équivalent textuel
de chaque graphique (ce qu'il montre et ses chiffres en tableau).

Seul code Streamlit de la présentation avec la page ; les écrans eux-mêmes (textes, chiffres,
figures) viennent de `vigie.exports.ecrans`, partagés avec le diaporama.
"""

from __future__ import annotations

import html
import json

import streamlit as st

from vigie import textes
from vigie.exports.contenu import Dossier
from vigie.exports.ecrans import Ecran, ecrans
from vigie.figures.presentation import tableau_figure

CLE_ECRAN = "presentation_ecran"

# Dimensionné pour 1280 × 720 (le vidéoprojecteur courant) : titre 40 px, cadre du graphique
# 450 px, boutons 42 px, la note 17 px ; contraste du texte ≥ 7:1 sur blanc. Seule cette page
# charge cette feuille.
STYLE = """
<style>
/* Dessiné pour 1280 × 720 (--k = 1) ; le texte grandit sur un plus grand projecteur (1920 × 1080 :
   --k = 1,5) et le cadre du graphique prend ce que laisse l'écran (100vh moins le texte autour). */
:root { --k: 1; }
@media (min-width: 1580px) and (min-height: 880px) { :root { --k: 1.25; } }
@media (min-width: 1900px) and (min-height: 1060px) { :root { --k: 1.5; } }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"]
  { display: none !important; }
.block-container { padding: calc(0.9rem * var(--k)) calc(2.2rem * var(--k)) 0 !important;
  max-width: 100% !important; }
.vigie-titre { font-size: calc(2.5rem * var(--k)); font-weight: 700; color: #005a8c;
  line-height: 1.15; margin-bottom: 0.4rem; }
.vigie-titre-ouverture { font-size: calc(3.4rem * var(--k)); margin-top: 14vh; }
.vigie-chiffre { font-size: calc(3.2rem * var(--k)); font-weight: 700; color: #1b2631;
  line-height: 1.1; }
.vigie-fourchette { font-size: calc(1.45rem * var(--k)); color: #2e3b4a; line-height: 1.3;
  margin-top: 0.4rem; }
.vigie-message { font-size: calc(1.5rem * var(--k)); line-height: 1.35; color: #1b2631;
  margin-top: 0.8rem; }
.vigie-note { font-size: calc(1.05rem * var(--k)); color: #3d4b5c; line-height: 1.3; }
.vigie-note-longue { font-size: calc(1.05rem * var(--k)); color: #2e3b4a; line-height: 1.4;
  margin-top: 1rem; }
.st-key-presentation_cadre { height: calc(100vh - 270px * var(--k)) !important;
  overflow: hidden !important; border: none !important; padding: 0 !important; }
/* Streamlit fixe aussi la hauteur d'un conteneur par son enveloppe (450 px à toute taille) :
   l'enveloppe et chaque niveau jusqu'au graphique prennent la hauteur du cadre (1920 × 1080 : 675 px). */
div:has(> .st-key-presentation_cadre) { height: auto !important; max-height: none !important; }
div.stVerticalBlock.st-key-presentation_cadre[class] { height: calc(100vh - 270px * var(--k)) !important;
  flex: 0 0 auto !important; }
.st-key-presentation_cadre [data-testid="stElementContainer"],
.st-key-presentation_cadre [data-testid="stFullScreenFrame"],
.st-key-presentation_cadre [data-testid="stPlotlyChart"],
.st-key-presentation_cadre .js-plotly-plot { height: 100% !important; flex: 1 1 auto; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p
  { color: #3d4b5c !important; font-size: calc(1.05rem * var(--k)) !important; }
.st-key-presentation_navigation { position: fixed; bottom: calc(0.7rem * var(--k));
  left: calc(2.2rem * var(--k)); right: calc(2.2rem * var(--k)); background: #ffffff;
  z-index: 20; }
.st-key-presentation_navigation button { min-height: calc(2.6rem * var(--k)); }
.st-key-presentation_navigation button p { font-size: calc(1.2rem * var(--k)); }
/* Une attente de plus d'une demi-seconde se voit : pendant que Streamlit redessine, les éléments de
   l'écran précédent sont marqués périmés ; ce badge paraît alors (l'indicateur de l'en-tête est
   caché sur cette page). */
.vigie-attente { display: none !important; position: fixed; top: 0.8rem; right: 2.2rem;
  z-index: 30; padding: 0.35rem 0.9rem; border-radius: 1rem; background: #005a8c;
  color: #ffffff; font-size: calc(1.05rem * var(--k)); }
body:has([data-stale="true"]) .vigie-attente { display: block !important;
  animation: vigie-apparait 0.5s; }
@keyframes vigie-apparait { 0%, 99% { opacity: 0; } 100% { opacity: 1; } }
</style>
<div class="vigie-attente" role="status" aria-live="polite">Chargement de l'écran…</div>
"""

# Touches d'un clavier et des télécommandes de présentation (qui envoient PageUp / PageDown,
# parfois les flèches) : suivant et précédent. Ignorées pendant la saisie dans un champ. L'écouteur
# est posé une fois par onglet du navigateur ; le script de chaque écran ramène aussi la page en
# haut (sinon l'écran suivant s'ouvre là où le précédent avait défilé).
_SCRIPT = """
<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const suivant = ["ArrowRight", "PageDown", " ", "ArrowDown"];
  const precedent = ["ArrowLeft", "PageUp", "ArrowUp", "Backspace"];
  if (!doc.vigieClavier) {
    doc.vigieClavier = true;
    doc.addEventListener("keydown", (e) => {
      const cible = e.target;
      if (cible && (cible.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(cible.tagName))) return;
      if (!doc.querySelector(".st-key-presentation_suivant")) return;  // une autre page
      const cle = suivant.includes(e.key) ? "suivant" : precedent.includes(e.key) ? "precedent" : null;
      if (!cle) return;
      const bouton = doc.querySelector(".st-key-presentation_" + cle + " button");
      e.preventDefault();
      if (bouton && !bouton.disabled) bouton.click();
    });
  }
  const enHaut = () => {
    const principal = doc.querySelector('[data-testid="stMain"]') || doc.querySelector("section.main");
    if (principal) principal.scrollTo(0, 0);
    doc.documentElement.scrollTo(0, 0);
  };
  enHaut();
  setTimeout(enHaut, 60);
  doc.documentElement.setAttribute("data-vigie-ecran", __ECRAN__);
})();
</script>
"""


def ecrans_du_dossier(d: Dossier) -> list[Ecran]:
    """Les écrans d'un dossier, calculés une fois : le dossier est lui-même gardé en cache
    (`vigie.interface.exports.dossier`), les écrans et leurs graphiques sont rangés avec lui et
    servent à chaque passage d'un écran à l'autre, pour chaque personne qui regarde."""
    liste = d.__dict__.get("_presentation_ecrans")
    if liste is None:
        liste = d.__dict__["_presentation_ecrans"] = ecrans(d)
    return liste


def _graphique(d: Dossier, ecran: Ecran, indice: int):
    """(figure prête pour le cadre, tableau de ses chiffres) d'un écran, calculés une fois par
    dossier : dessiner une figure Plotly prend une demi-seconde."""
    graphiques = d.__dict__.setdefault("_presentation_graphiques", {})
    if indice not in graphiques:
        figure = ecran.figure()
        tableau = tableau_figure(figure)
        figure.layout.height = None  # la hauteur du cadre suit la fenêtre (CSS plus haut)
        graphiques[indice] = (figure, tableau)
    return graphiques[indice]


def installer() -> None:
    """La feuille de style du vidéoprojecteur (cette page seulement)."""
    st.html(STYLE)


def clavier(indice: int) -> None:
    """Flèches et télécommande, et retour en haut ; le numéro d'écran rend le script différent à
    chaque écran, donc rejoué."""
    st.html(_SCRIPT.replace("__ECRAN__", json.dumps(str(indice + 1))), unsafe_allow_javascript=True)


def _bloc(classe: str, texte: str | None) -> None:
    """Un bloc de texte stylé ; le texte est échappé, car il porte des noms venus des données
    (une commune nommée `<script>` s'affiche telle quelle, jamais exécutée)."""
    if texte:
        # Espacement français : aucune ligne ne commence par « : », « ; » ou « » », ni ne finit
        # par « « » (espace insécable avant les uns, après l'autre).
        texte = texte.replace(" :", "\u00a0:").replace(" ;", "\u00a0;")
        texte = texte.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        st.markdown(
            f'<div class="{html.escape(classe)}">{html.escape(texte)}</div>',
            unsafe_allow_html=True,
        )


def _classe_titre(indice: int) -> str:
    """Les classes du titre de l'écran `indice` : `vigie-ecran-N` (N à partir de 1) dit que le
    contenu de cet écran-là est arrivé, et non seulement son bandeau de navigation, qui peut être
    dessiné avant lui (attendu ainsi par les tests dans le navigateur)."""
    return f"vigie-titre vigie-ecran-{indice + 1}"


def montrer(d: Dossier, indice: int) -> None:
    """L'écran `indice` du dossier : titre, grand chiffre et sa fourchette, message, le graphique
    avec son texte de remplacement, la source une fois en bas."""
    ecran = ecrans_du_dossier(d)[indice]
    st.session_state["presentation_tableau"] = (None, None)
    if indice == 0:
        _bloc(f"{_classe_titre(indice)} vigie-titre-ouverture", ecran.titre)
        _bloc("vigie-message", ecran.message)
        _bloc("vigie-note-longue", ecran.note)
        return
    _bloc(_classe_titre(indice), ecran.titre)
    if ecran.figure is None:
        _bloc("vigie-message", ecran.message)
        _bloc("vigie-note-longue", ecran.note)
        return
    gauche, droite = st.columns([2, 3], gap="large")
    with gauche:
        _bloc("vigie-chiffre", ecran.chiffre)
        _bloc("vigie-fourchette", ecran.fourchette)
        _bloc("vigie-message", ecran.message)
    figure, tableau = _graphique(d, ecran, indice)
    with droite.container(key="presentation_cadre", height=450, border=False):
        # La hauteur du cadre suit la fenêtre (CSS plus haut) ; le graphique la remplit.
        # Nos propres couleurs et tailles (theme=None) : le thème de Streamlit grise les axes
        # jusqu'à 3,7:1.
        st.plotly_chart(
            figure,
            width="stretch",
            height="stretch",
            theme=None,
            config={"displayModeBar": False, "locale": "fr"},
            key=f"presentation_graphique_{indice}",
            alt=ecran.texte_alternatif,
        )
    _bloc("vigie-note", ecran.note)
    st.session_state["presentation_tableau"] = (ecran.description, tableau)


def chiffres_du_graphique(colonne) -> None:
    """Le tableau des chiffres du graphique affiché, dans une bulle (ne prend pas de place à
    l'écran) : l'équivalent textuel pour un lecteur d'écran ou qui veut lire les valeurs."""
    description, tableau = st.session_state.get("presentation_tableau", (None, None))
    if tableau is None or tableau.empty:
        # Un écran sans graphique (ouverture, méthode) : les quelques mots employés, dits
        # simplement.
        with colonne.popover("Mots employés", icon=":material/menu_book:"):
            for mot, sens in textes.GLOSSAIRE.items():
                st.markdown(f"**{html.escape(mot)}** : {html.escape(sens)}")
        return
    with colonne.popover("Chiffres du graphique", icon=":material/table:"):
        if description:
            st.markdown(html.escape(description))
        st.dataframe(tableau, hide_index=True, width="stretch")
