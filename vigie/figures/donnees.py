"""Le graphique automatique de la page Données : pour toute table, vue ou requête, le graphique
qui convient à ses colonnes, en fonction Plotly pure (sans streamlit), habillé comme tout graphique
de Vigie (`styles.habiller` : titre-phrase, source sous le graphique, palette d'Okabe et Ito).

Règles, dans l'ordre :
- une colonne de temps (`annee` ou `periode`) et une mesure : la mesure dans le temps, une courbe
  par valeur d'une colonne de regroupement (scénario, service...) si elle est choisie, sinon le
  total (ou la moyenne) ;
- une vue indicateur (code_commune, annee, valeur) sur beaucoup de communes : la médiane des
  communes avec la bande du 10e au 90e centile ;
- sinon une colonne de regroupement et une mesure : des barres horizontales, les 20 plus grandes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.styles import PALETTE, habiller
from vigie.format_fr import nombre

COLONNES_TEMPS = ("annee", "periode")
# Colonnes qui identifient plutôt qu'elles ne mesurent.
_PAS_UNE_MESURE = ("annee", "age", "sexe", "id_", "code_", "horizon", "annee_")
# Mesures qui sont des parts ou des taux : moyennées, jamais sommées.
_MOYENNES = (
    "part_",
    "taux_",
    "ratio",
    "valeur",
    "moyenne",
    "couverture",
    "erreur",
    "biais",
    "mase",
    "smape",
    "superficie",
)
MAX_SERIES = 8
MAX_BARRES = 20
COULEURS = [
    PALETTE[c]
    for c in ("bleu", "orange", "vert", "vermillon", "bleu_ciel", "pourpre", "jaune", "gris")
]


@dataclass(frozen=True)
class ChoixGraphique:
    """Ce qu'il faut tracer : x (temps ou catégorie), la mesure, comment agréger, un regroupement
    facultatif."""

    x: str
    mesure: str
    agregation: str  # « somme » ou « moyenne » (ou « mediane » pour la bande des communes)
    groupe: str | None = None


def mesures(donnees: pd.DataFrame) -> list[str]:
    """Les colonnes numériques qui peuvent être tracées."""
    return [
        c
        for c in donnees.columns
        if pd.api.types.is_numeric_dtype(donnees[c])
        and not pd.api.types.is_bool_dtype(donnees[c])
        and not str(c).startswith(_PAS_UNE_MESURE)
    ]


def groupes(donnees: pd.DataFrame, exclure: tuple[str, ...] = ()) -> list[str]:
    """Les colonnes de texte à peu de valeurs (de 2 à MAX_SERIES) qui peuvent partager un graphique
    en courbes."""
    retenus = []
    for c in donnees.columns:
        if c in exclure or pd.api.types.is_numeric_dtype(donnees[c]):
            continue
        if str(c).startswith(("code_", "nom_")) and c != "nom_perimetre":
            continue
        if 2 <= donnees[c].nunique() <= MAX_SERIES:
            retenus.append(c)
    return retenus


def agregation_par_defaut(mesure: str) -> str:
    return "moyenne" if str(mesure).startswith(_MOYENNES) else "somme"


def proposer(donnees: pd.DataFrame) -> ChoixGraphique | None:
    """Le graphique par défaut pour ces colonnes, ou None quand rien ne convient."""
    candidates = mesures(donnees)
    if donnees.empty or not candidates:
        return None
    mesure = "valeur" if "valeur" in candidates else candidates[0]
    temps = next((c for c in COLONNES_TEMPS if c in donnees.columns), None)
    if temps and donnees[temps].nunique() > 1:
        if (
            "code_commune" in donnees.columns
            and donnees["code_commune"].nunique() > 1
            and (mesure == "valeur")
        ):
            groupe = "scenario" if "scenario" in donnees.columns else None
            return ChoixGraphique(temps, mesure, "mediane", groupe)
        groupe = next(iter(groupes(donnees, exclure=(temps,))), None)
        return ChoixGraphique(temps, mesure, agregation_par_defaut(mesure), groupe)
    categorie = next(
        (c for c in ("nom_commune", "nom_perimetre", "nom", "service") if c in donnees.columns),
        None,
    ) or next(iter(groupes(donnees)), None)
    if categorie is None:
        return None
    return ChoixGraphique(categorie, mesure, agregation_par_defaut(mesure))


def _agreger(donnees: pd.DataFrame, par: list[str], mesure: str, agregation: str) -> pd.Series:
    groupe = donnees.groupby(par, dropna=False, sort=True)[mesure]
    return groupe.mean() if agregation == "moyenne" else groupe.sum(min_count=1)


def figure(
    donnees: pd.DataFrame, choix: ChoixGraphique, titre: str, source: str, unite: str = ""
) -> go.Figure:
    """Trace le graphique choisi ; le titre énonce le constat (première et dernière valeur, ou la
    plus grande)."""
    x, mesure = choix.x, choix.mesure
    unite_texte = f" {unite}" if unite else ""
    fig = go.Figure()
    donnees = donnees.dropna(subset=[mesure])
    if x in COLONNES_TEMPS:
        if choix.agregation == "mediane":
            phrase = _bande_communes(fig, donnees, choix, unite_texte)
        else:
            phrase = _lignes(fig, donnees, choix, unite_texte)
        fig.update_xaxes(title="année" if x == "annee" else "période")
    else:
        serie = _agreger(donnees, [x], mesure, choix.agregation).sort_values(ascending=False)
        serie = serie.head(MAX_BARRES).iloc[::-1]
        fig.add_bar(
            x=serie.values,
            y=[str(v) for v in serie.index],
            orientation="h",
            marker_color=PALETTE["bleu"],
            hovertemplate=f"%{{y}} : %{{x:,.4~r}}{unite_texte}<extra></extra>",
        )
        phrase = (
            f"{serie.index[-1]} en tête ({_nombre(serie.iloc[-1])}{unite_texte})"
            if len(serie)
            else "aucune valeur"
        )
        fig.update_layout(showlegend=False)
        fig.update_xaxes(title=f"{mesure}{' (' + unite + ')' if unite else ''}")
    fig.update_yaxes(title=None if x not in COLONNES_TEMPS else f"{mesure}{unite_texte}")
    fig = habiller(fig, f"{titre} : {phrase}", source)
    fig.update_yaxes(tickformat=",~r")
    return fig


def _nombre(valeur: float) -> str:
    if pd.isna(valeur):
        return "–"
    entier = float(valeur).is_integer()
    return nombre(valeur, 0 if entier or abs(valeur) >= 100 else 1)


def _lignes(fig: go.Figure, donnees: pd.DataFrame, choix: ChoixGraphique, unite: str) -> str:
    par = [choix.x] + ([choix.groupe] if choix.groupe else [])
    serie = _agreger(donnees, par, choix.mesure, choix.agregation).reset_index()
    noms = [None] if not choix.groupe else list(serie[choix.groupe].dropna().unique())
    for i, nom in enumerate(noms[:MAX_SERIES]):
        morceau = serie if nom is None else serie[serie[choix.groupe] == nom]
        fig.add_scatter(
            x=morceau[choix.x],
            y=morceau[choix.mesure],
            mode="lines+markers",
            name=str(nom) if nom is not None else choix.mesure,
            line=dict(color=COULEURS[i % len(COULEURS)], width=3),
            hovertemplate=f"%{{x}} : %{{y:,.4~r}}{unite}<extra>{nom or ''}</extra>",
        )
    premier = serie.iloc[0]
    dernier = serie.iloc[-1] if not choix.groupe else serie[serie[choix.groupe] == noms[0]].iloc[-1]
    debut = serie[serie[choix.groupe] == noms[0]].iloc[0] if choix.groupe else premier
    mot = "total" if choix.agregation == "somme" else "moyenne"
    return (
        f"{_nombre(debut[choix.mesure])} en {_temps(debut[choix.x])}, "
        f"{_nombre(dernier[choix.mesure])} en {_temps(dernier[choix.x])}"
        f" ({mot}{', ' + str(noms[0]) if choix.groupe else ''})"
    )


def _bande_communes(
    fig: go.Figure, donnees: pd.DataFrame, choix: ChoixGraphique, unite: str
) -> str:
    """La médiane des communes et la bande de 10 à 90 %, par année (et par scénario s'il y en a)."""
    par = [choix.x] + ([choix.groupe] if choix.groupe else [])
    stats = (
        donnees.groupby(par)[choix.mesure]
        .quantile([0.1, 0.5, 0.9])
        .unstack()
        .rename(columns={0.1: "bas", 0.5: "mediane", 0.9: "haut"})
        .reset_index()
    )
    noms = [None] if not choix.groupe else list(stats[choix.groupe].unique())[:MAX_SERIES]
    for i, nom in enumerate(noms):
        morceau = stats if nom is None else stats[stats[choix.groupe] == nom]
        couleur = COULEURS[i % len(COULEURS)]
        fig.add_scatter(
            x=list(morceau[choix.x]) + list(morceau[choix.x])[::-1],
            y=list(morceau["haut"]) + list(morceau["bas"])[::-1],
            fill="toself",
            fillcolor=_transparent(couleur),
            line=dict(width=0),
            hoverinfo="skip",
            name=f"8 communes sur 10{' (' + str(nom) + ')' if nom else ''}",
            showlegend=i == 0,
        )
        fig.add_scatter(
            x=morceau[choix.x],
            y=morceau["mediane"],
            mode="lines+markers",
            line=dict(color=couleur, width=3),
            name=f"médiane des communes{' — ' + str(nom) if nom else ''}",
            hovertemplate=f"%{{x}} : %{{y:,.4~r}}{unite}<extra>médiane</extra>",
        )
    premier = stats[stats[choix.groupe] == noms[0]] if choix.groupe else stats
    debut, fin = premier.iloc[0], premier.iloc[-1]
    return (
        f"médiane des communes {_nombre(debut['mediane'])} en {_temps(debut[choix.x])}, "
        f"{_nombre(fin['mediane'])} en {_temps(fin[choix.x])}"
        + (f" ({noms[0]})" if choix.groupe else "")
    )


def _temps(valeur) -> str:
    if isinstance(valeur, pd.Timestamp):
        return valeur.strftime("%m/%Y")
    try:
        return str(int(valeur))
    except (TypeError, ValueError):
        return str(valeur)


def _transparent(couleur: str, alpha: float = 0.18) -> str:
    rouge, vert, bleu = (int(couleur[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({rouge}, {vert}, {bleu}, {alpha})"
