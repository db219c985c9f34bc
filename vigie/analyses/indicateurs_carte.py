"""Le catalogue de ce qui se cartographie par commune : une entrée `Indicateur` par indicateur
livré (recensement, projection, services), et comment ses valeurs sont lues, nommées et décrites.

Possède la liste des indicateurs de la carte, la requête nommée de `sql/queries/` qui donne chacun,
son libellé, son unité et la ligne de détail du survol. Ajouter un indicateur, c'est ajouter une
ligne à `_ENTREES` : la page Carte, sa légende, son survol et les tests lisent tout
ici. Les indicateurs des analystes (vues de `sql/views/`) viennent de
`vigie.analyses.indicateurs.lister` : même classe, mêmes fonctions ici.

Les valeurs d'un indicateur sont un DataFrame d'une ligne par commune : `code_commune`, `valeur`,
et les autres colonnes que rend sa requête (effectifs, bornes) pour le survol et le panneau de la
commune. Sans streamlit : la page passe une fonction qui lance une requête nommée (en cache chez
elle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from vigie import textes
from vigie.analyses.indicateurs import FAMILLES, Indicateur
from vigie.format_fr import ecart, fourchette, nombre

__all__ = ["CATALOGUE", "FAMILLES", "PAR_CLE", "Indicateur"]

Executer = Callable[..., pd.DataFrame]  # executer("nom_requete", **parametres) -> DataFrame

# Ce que chaque famille demande à l'utilisateur, et les tables dont elle cite les sources.
_FAMILLES = {
    "Recensement": (("annee",), ("population",)),
    "Projection": (("annee_projection", "scenario"), ("population", "naissance", "deces")),
    "Services": (("service", "annee_projection", "scenario"), ("equipement", "population")),
}
# Les groupes d'âge de la carte, nommés comme dans la table `groupe_age` (qui seule donne leurs
# âges) : la requête en lit l'effectif et les bornes simulées.
_AGES = {
    "tous": dict(groupe_age="Ensemble"),
    "0-2": dict(groupe_age="0-2 ans"),
    "75+": dict(groupe_age="75 ans et plus"),
}
_GROUPES = {"0-2": "enfants de moins de 3 ans", "75+": "personnes de 75 ans ou plus"}


def _entree(
    cle: str,
    titre: str,
    famille: str,
    requete: str,
    colonne: str,
    ages: str | None = None,
    choix: tuple[str, ...] | None = None,
    **autres,
) -> Indicateur:
    """Une entrée du catalogue : la famille fixe les choix et les tables citées ; `ages` (une clé
    de `_AGES`) la tranche d'âge passée à la requête et le groupe nommé au survol."""
    choix_famille, tables = _FAMILLES[famille]
    if ages and ages in _GROUPES:
        autres.setdefault("groupe", _GROUPES[ages])
    parametres = dict(_AGES[ages]) if ages else {}
    if requete == _POPULATION and famille == "Recensement":
        parametres["scenario"] = None  # le recensement, pas une projection
    return Indicateur(
        cle,
        titre,
        famille,
        requete=requete,
        colonne=colonne,
        parametres=parametres,
        choix=choix or choix_famille,
        tables=tables,
        **autres,
    )


_POPULATION = "carte_population"
# Une ligne par indicateur : clé, titre, famille, requête, colonne, tranche d'âge, le reste.
_ENTREES: list[tuple[str, str, str, str, str, str | None, dict]] = [
    ("population", "Population", "Recensement", _POPULATION, "population", "tous", dict(
        unite="habitants",
        description="Population municipale au 1er janvier de l'année de recensement.")),
    ("evolution_population", "Évolution de la population", "Recensement", "carte_evolution",
     "evolution", None, dict(
        choix=("periode",), format="evolution", divergente=True,
        description="Variation de la population entre deux recensements, en %.")),
    ("part_0_2", "Part des enfants de moins de 3 ans", "Recensement", _POPULATION, "part", "0-2",
     dict(format="part", description="Le public des crèches, en % des habitants.")),
    ("part_75_plus", "Part des 75 ans ou plus", "Recensement", _POPULATION, "part", "75+", dict(
        format="part",
        description="Le public des EHPAD et des soins à domicile, en % des habitants.")),
    ("population_projetee", "Population projetée", "Projection", _POPULATION, "population",
     "tous", dict(
        unite="habitants", groupe="habitants",
        description="Population au 1er janvier de l'année choisie, selon le scénario.")),
    ("evolution_projetee", "Évolution projetée de la population depuis le dernier recensement",
     "Projection", "carte_evolution_projetee", "evolution", None, dict(
        format="evolution", divergente=True,
        description="Où la population augmenterait ou baisserait d'ici l'année choisie.")),
    ("part_0_2_projetee", "Part projetée des enfants de moins de 3 ans", "Projection",
     _POPULATION, "part", "0-2", dict(format="part")),
    ("part_75_plus_projetee", "Part projetée des 75 ans ou plus", "Projection", _POPULATION,
     "part", "75+", dict(format="part")),
    ("effectif_75_plus_projete", "Personnes de 75 ans ou plus (projection)", "Projection",
     _POPULATION, "effectif", "75+", dict(unite="personnes")),
    ("effectif_0_2_projete", "Enfants de moins de 3 ans (projection)", "Projection", _POPULATION,
     "effectif", "0-2", dict(unite="enfants")),
    ("ecart_capacite", "Écart entre la capacité des équipements et la demande", "Services",
     "carte_ecart_capacite", "ecart", None, dict(
        format="ecart", divergente=True,
        description="Capacité des équipements ouverts cette année-là moins la demande de la "
        "population projetée (ratios de la page Services) : négatif = manque. Un équipement sert souvent "
        "aussi les communes voisines : lisez la carte avec le total du périmètre.")),
]  # fmt: skip
CATALOGUE: list[Indicateur] = [
    _entree(cle, titre, famille, requete, colonne, ages, **options)
    for cle, titre, famille, requete, colonne, ages, options in _ENTREES
]
PAR_CLE = {i.cle: i for i in CATALOGUE}


def choix_requis(indicateur: Indicateur) -> tuple[str, ...]:
    """Les choix qu'un indicateur demande (pour la vue d'un analyste : une année, et un scénario
    si elle en a)."""
    return indicateur.choix


def parametres_requete(indicateur: Indicateur, choix: dict) -> dict:
    """Les paramètres liés de la requête nommée de l'indicateur, d'après les choix de
    l'utilisateur (l'année d'une vue d'analyste filtre les lignes rendues : pas un paramètre)."""
    parametres = dict(indicateur.parametres)
    for nom in indicateur.choix:
        if nom == "periode":
            parametres["annee_debut"], parametres["annee_fin"] = (int(a) for a in choix["periode"])
        elif nom in ("annee", "annee_projection"):
            parametres["annee"] = int(choix[nom])
        elif nom == "scenario_donnee":
            parametres["scenario"] = choix[nom]
        elif nom != "annee_donnee":
            parametres[nom] = choix[nom]
    return parametres


def valeurs(
    indicateur: Indicateur,
    executer: Executer,
    niveau: str,
    code: str,
    choix: dict,
    codes_communes: list[str] | None = None,
) -> pd.DataFrame:
    """La valeur de l'indicateur pour chaque commune du périmètre (niveau, code).

    Args:
        codes_communes: les communes gardées (celles qui ont un contour sur la carte), toutes si
            None.

    Returns:
        Un DataFrame avec `code_commune`, `valeur` et les autres colonnes de la requête.
    """
    resultat = executer(
        indicateur.requete, niveau=niveau, code=code, **parametres_requete(indicateur, choix)
    )
    if indicateur.vue is not None:  # une vue d'analyste : toutes ses années, en garder une
        resultat = resultat[resultat["annee"] == int(choix["annee_donnee"])]
        resultat = resultat[["code_commune", "valeur"]]
    if codes_communes is not None:
        resultat = resultat[resultat["code_commune"].isin(codes_communes)]
    return resultat.rename(columns={indicateur.colonne: "valeur"}).reset_index(drop=True)


def libelle(indicateur: Indicateur, choix: dict, libelle_scenario: str | None = None) -> str:
    """L'indicateur avec son année, sa période, son service et son scénario : le sujet de la
    carte."""
    if indicateur.vue is not None:
        texte = f"{indicateur.titre} en {choix['annee_donnee']}"
        if "scenario_donnee" in indicateur.choix and "scenario_donnee" in choix:
            texte += f" (scénario {choix['scenario_donnee']})"
        return texte
    texte = indicateur.titre
    if "service" in indicateur.choix:
        texte += f" — {textes.libelle_service(choix['service']).lower()}"
    if "periode" in indicateur.choix:
        debut, fin = choix["periode"]
        texte += f" de {debut} à {fin}"
    elif indicateur.cle == "evolution_projetee":
        texte = f"Évolution projetée de la population jusqu'en {choix['annee_projection']}"
    elif "annee" in indicateur.choix:
        texte += f" en {choix['annee']}"
    elif "annee_projection" in indicateur.choix:
        texte += f" en {choix['annee_projection']}"
    if "scenario" in indicateur.choix and libelle_scenario:
        texte += f" ({libelle_scenario[0].lower()}{libelle_scenario[1:]})"
    return texte


def detail(indicateur: Indicateur, ligne: pd.Series | dict) -> str:
    """Une ligne de plus pour le survol et le panneau de la commune : effectifs, variation,
    fourchette, capacité."""
    ligne = dict(ligne)
    if indicateur.requete == _POPULATION:
        morceaux = []
        if indicateur.format == "part" and pd.notna(ligne.get("effectif")):
            morceaux.append(
                f"{nombre(ligne['effectif'])} {indicateur.groupe} sur "
                f"{nombre(ligne['population'])} habitants"
            )
        if pd.notna(ligne.get("bas_80")) and indicateur.format == "nombre":
            morceaux.append(
                fourchette(ligne["bas_80"], ligne["valeur"], ligne["haut_80"], etiquette=True)
            )
        return " ; ".join(morceaux)
    if indicateur.requete in ("carte_evolution", "carte_evolution_projetee"):
        if pd.notna(ligne.get("population_debut")):
            return (
                f"{nombre(ligne['population_debut'])} → {nombre(ligne['population_fin'])} "
                f"habitants ({ecart(ligne['variation'])})"
            )
    if indicateur.requete == "carte_ecart_capacite" and pd.notna(ligne.get("demande")):
        unite = ligne.get("unite") or ""
        return (
            f"capacité {nombre(ligne['capacite'])} {unite}, demande estimée "
            f"{nombre(ligne['demande'])} {unite}"
        )
    return ""


def avec_unite(indicateur: Indicateur, donnees: pd.DataFrame) -> Indicateur:
    """L'écart de capacité prend son unité (lits, places, classes) du service choisi."""
    if "unite" in donnees and donnees["unite"].notna().any() and not indicateur.unite:
        return replace(indicateur, unite=str(donnees["unite"].dropna().iloc[0]))
    return indicateur
