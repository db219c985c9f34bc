"""The catalogue of what can be mapped by commune: one `Indicateur` entry per indicator.

Owns the list of map indicators, how each one is fetched (a named query of `sql/queries/` or the
rows of an analyst's view), its French label, its unit and how its values are written. Adding an
indicator is adding one entry to `CATALOGUE`: the Carte page, its legend, its hover and the tests
read everything from here.

The values of an indicator are a DataFrame with one row per commune: `code_commune`, `valeur`,
and the extra columns its query returns (counts, bounds) used in the hover and the commune panel.

Analysts' indicators (views of shape `code_commune, annee, valeur [, scenario]` with a header
`-- titre: / -- unite: / -- source:`) enter through `indicateur_analyste(titre, unite, source,
donnees)`, whichever module lists them (`indicateurs_des_vues` below reads the live views).
No streamlit here: the page passes a function that runs a named query (cached on its side).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from vigie import textes
from vigie.format_fr import ecart, fourchette, nombre, pourcentage
from vigie.stockage import base, vues

# choix: what the user must pick for an indicator.
#   annee            a census year                  -> $annee
#   periode          two census years               -> $annee_debut, $annee_fin
#   annee_projection a projected year               -> $annee
#   scenario         a projection scenario          -> $scenario
#   service          a service with a demand ratio  -> $service
FAMILLES = ("Recensement", "Projection", "Services", "Indicateurs des analystes")

Executer = Callable[..., pd.DataFrame]  # executer("nom_requete", **parametres) -> DataFrame


class ErreurIndicateur(ValueError):
    """An analyst's indicator does not have the expected shape."""


@dataclass(frozen=True, eq=False)
class Indicateur:
    """One mappable indicator.

    Attributes:
        cle: stable identifier (widget values, URLs, tests).
        titre: French name, as a council reads it ("Part des 75 ans ou plus").
        famille: one of FAMILLES (groups the choice list).
        unite: unit written after numbers ("habitants", "lits"); "" for shares.
        format: "part" (0.034 -> 3,4 %), "evolution" (signed %), "nombre", "ecart" (signed number).
        requete: the named query giving the values (None for an analyst's indicator).
        colonne: the column of that query holding the value.
        parametres: fixed query parameters (age range, ...).
        choix: the user's choices it needs (see above).
        tables: tables whose sources are cited under the map.
        divergente: values around zero (gains and losses): a two-sided palette.
        groupe: the age group named in the hover ("personnes de 75 ans ou plus").
        description: one sentence under the selector.
        donnees: an analyst's rows (code_commune, annee, valeur [, scenario]).
        source: an analyst's source line (from the view header).
    """

    cle: str
    titre: str
    famille: str
    unite: str = ""
    format: str = "nombre"
    requete: str | None = None
    colonne: str = "valeur"
    parametres: dict = field(default_factory=dict)
    choix: tuple[str, ...] = ()
    tables: tuple[str, ...] = ("population",)
    divergente: bool = False
    groupe: str = ""
    description: str = ""
    donnees: pd.DataFrame | None = None
    source: str | None = None

    @property
    def projete(self) -> bool:
        return "scenario" in self.choix

    def texte(self, valeur: float | None, unite: bool = True) -> str:
        """A value written the French way, with its unit."""
        if valeur is None or pd.isna(valeur):
            return "pas de donnée"
        if self.format == "part":
            return pourcentage(valeur)
        if self.format == "evolution":
            return pourcentage(valeur, signe=True)
        decimales = 0 if abs(valeur) >= 100 or float(valeur).is_integer() else 1
        texte = ecart(valeur, decimales) if self.format == "ecart" else nombre(valeur, decimales)
        return f"{texte} {self.unite}" if unite and self.unite else texte


_75 = dict(age_min=75, age_max=100)
_0_2 = dict(age_min=0, age_max=2)
_TOUS = dict(age_min=0, age_max=100)

CATALOGUE: list[Indicateur] = [
    Indicateur(
        "population",
        "Population",
        "Recensement",
        unite="habitants",
        requete="carte_observe",
        colonne="population",
        parametres=_TOUS,
        choix=("annee",),
        description="Population municipale au 1er janvier de l'année de recensement.",
    ),
    Indicateur(
        "evolution_population",
        "Évolution de la population",
        "Recensement",
        format="evolution",
        requete="carte_evolution",
        colonne="evolution",
        choix=("periode",),
        divergente=True,
        description="Variation de la population entre deux recensements, en %.",
    ),
    Indicateur(
        "part_0_2",
        "Part des enfants de moins de 3 ans",
        "Recensement",
        format="part",
        requete="carte_observe",
        colonne="part",
        parametres=_0_2,
        choix=("annee",),
        groupe="enfants de moins de 3 ans",
        description="Le public des crèches, en % des habitants.",
    ),
    Indicateur(
        "part_75_plus",
        "Part des 75 ans ou plus",
        "Recensement",
        format="part",
        requete="carte_observe",
        colonne="part",
        parametres=_75,
        choix=("annee",),
        groupe="personnes de 75 ans ou plus",
        description="Le public des EHPAD et des soins à domicile, en % des habitants.",
    ),
    Indicateur(
        "population_projetee",
        "Population projetée",
        "Projection",
        unite="habitants",
        requete="carte_projection",
        colonne="population",
        parametres=_TOUS,
        choix=("annee_projection", "scenario"),
        tables=("population", "naissance", "deces"),
        groupe="habitants",
        description="Population au 1er janvier de l'année choisie, selon le scénario.",
    ),
    Indicateur(
        "evolution_projetee",
        "Évolution projetée de la population depuis le dernier recensement",
        "Projection",
        format="evolution",
        requete="carte_evolution_projetee",
        colonne="evolution",
        choix=("annee_projection", "scenario"),
        tables=("population", "naissance", "deces"),
        divergente=True,
        description="Où la population augmenterait ou baisserait d'ici l'année choisie.",
    ),
    Indicateur(
        "part_0_2_projetee",
        "Part projetée des enfants de moins de 3 ans",
        "Projection",
        format="part",
        requete="carte_projection",
        colonne="part",
        parametres=_0_2,
        choix=("annee_projection", "scenario"),
        tables=("population", "naissance", "deces"),
        groupe="enfants de moins de 3 ans",
    ),
    Indicateur(
        "part_75_plus_projetee",
        "Part projetée des 75 ans ou plus",
        "Projection",
        format="part",
        requete="carte_projection",
        colonne="part",
        parametres=_75,
        choix=("annee_projection", "scenario"),
        tables=("population", "naissance", "deces"),
        groupe="personnes de 75 ans ou plus",
    ),
    Indicateur(
        "effectif_75_plus_projete",
        "Personnes de 75 ans ou plus (projection)",
        "Projection",
        unite="personnes",
        requete="carte_projection",
        colonne="effectif",
        parametres=_75,
        choix=("annee_projection", "scenario"),
        tables=("population", "naissance", "deces"),
        groupe="personnes de 75 ans ou plus",
    ),
    Indicateur(
        "effectif_0_2_projete",
        "Enfants de moins de 3 ans (projection)",
        "Projection",
        unite="enfants",
        requete="carte_projection",
        colonne="effectif",
        parametres=_0_2,
        choix=("annee_projection", "scenario"),
        tables=("population", "naissance", "deces"),
        groupe="enfants de moins de 3 ans",
    ),
    Indicateur(
        "ecart_capacite",
        "Écart entre la capacité des équipements et la demande",
        "Services",
        format="ecart",
        requete="carte_ecart_capacite",
        colonne="ecart",
        choix=("service", "annee_projection", "scenario"),
        tables=("equipement", "population"),
        divergente=True,
        description="Capacité des équipements ouverts cette année-là moins la demande de la "
        "population projetée (ratios publiés) : négatif = manque. Un équipement sert souvent "
        "aussi les communes voisines : lisez la carte avec le total du périmètre.",
    ),
]

PAR_CLE = {i.cle: i for i in CATALOGUE}


def choix_requis(indicateur: Indicateur) -> tuple[str, ...]:
    """The choices an indicator needs (analysts' ones: a year, and a scenario if they have one)."""
    if indicateur.donnees is None:
        return indicateur.choix
    return (
        ("annee_donnee", "scenario_donnee")
        if "scenario" in indicateur.donnees
        else ("annee_donnee",)
    )


def parametres_requete(indicateur: Indicateur, choix: dict) -> dict:
    """The bound parameters of the indicator's named query, from the user's choices."""
    parametres = dict(indicateur.parametres)
    for nom in indicateur.choix:
        if nom == "periode":
            parametres["annee_debut"], parametres["annee_fin"] = (int(a) for a in choix["periode"])
        elif nom in ("annee", "annee_projection"):
            parametres["annee"] = int(choix[nom])
        else:
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
    """The indicator's value for every commune of the perimeter (niveau, code).

    Returns:
        A DataFrame with `code_commune`, `valeur` and the query's other columns.
    """
    if indicateur.donnees is not None:
        d = indicateur.donnees
        d = d[d["annee"] == int(choix["annee_donnee"])]
        if "scenario" in d:
            d = d[d["scenario"] == choix["scenario_donnee"]]
        if codes_communes is not None:
            d = d[d["code_commune"].isin(codes_communes)]
        return d[["code_commune", "valeur"]].reset_index(drop=True)
    resultat = executer(
        indicateur.requete, niveau=niveau, code=code, **parametres_requete(indicateur, choix)
    )
    return resultat.rename(columns={indicateur.colonne: "valeur"})


def libelle(indicateur: Indicateur, choix: dict, libelle_scenario: str | None = None) -> str:
    """The indicator with its year, period, service and scenario: the map's subject."""
    if indicateur.donnees is not None:
        texte = f"{indicateur.titre} en {choix['annee_donnee']}"
        if "scenario_donnee" in choix and "scenario" in indicateur.donnees:
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
    """One more line for the hover and the commune panel: counts, change, interval, capacity."""
    ligne = dict(ligne)
    if indicateur.requete in ("carte_observe", "carte_projection"):
        morceaux = []
        if indicateur.format == "part" and pd.notna(ligne.get("effectif")):
            morceaux.append(
                f"{nombre(ligne['effectif'])} {indicateur.groupe} sur "
                f"{nombre(ligne['population'])} habitants"
            )
        if pd.notna(ligne.get("bas_80")) and indicateur.format == "nombre":
            morceaux.append(
                "fourchette à 80 % : "
                + fourchette(ligne["bas_80"], ligne["valeur"], ligne["haut_80"])
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
    """The capacity gap takes its unit (lits, places, classes) from the chosen service."""
    if "unite" in donnees and donnees["unite"].notna().any() and not indicateur.unite:
        return replace(indicateur, unite=str(donnees["unite"].dropna().iloc[0]))
    return indicateur


# --- Analysts' indicators -------------------------------------------------------------------------

COLONNES_ANALYSTE = ("code_commune", "annee", "valeur")


def indicateur_analyste(
    titre: str, unite: str, source: str, donnees: pd.DataFrame, cle: str | None = None
) -> Indicateur:
    """An analyst's indicator (a view `code_commune, annee, valeur [, scenario]`) for the map.

    Args:
        titre, unite, source: from the view's header (`-- titre:`, `-- unite:`, `-- source:`).
        donnees: its rows. A unit "part" or "fraction" reads 0.034 as 3,4 %; "%" means the
            values are already percentages.

    Raises:
        ErreurIndicateur: a column is missing or not numeric; the message says which.
    """
    manquantes = [c for c in COLONNES_ANALYSTE if c not in donnees.columns]
    if manquantes:
        raise ErreurIndicateur(
            f"L'indicateur « {titre} » n'a pas la colonne {', '.join(manquantes)} : une vue "
            "pour la carte a les colonnes code_commune, annee, valeur (et scenario si projetée)."
        )
    d = donnees.copy()
    d["code_commune"] = d["code_commune"].astype(str)
    try:
        d["annee"] = pd.to_numeric(d["annee"]).astype(int)
        d["valeur"] = pd.to_numeric(d["valeur"]).astype(float)
    except (ValueError, TypeError) as erreur:
        raise ErreurIndicateur(
            f"L'indicateur « {titre} » : les colonnes annee et valeur doivent être numériques "
            f"({erreur})."
        ) from erreur
    unite_propre = (unite or "").strip()
    format_ = "part" if unite_propre.lower() in ("part", "fraction", "proportion") else "nombre"
    return Indicateur(
        cle=cle or f"analyste:{titre}",
        titre=titre,
        famille="Indicateurs des analystes",
        unite="" if format_ == "part" else unite_propre,
        format=format_,
        tables=(),
        donnees=d,
        source=source if source.lower().startswith("source") else f"Source : {source}",
    )


def indicateurs_des_vues(con: base.Connexion, vues_actives: list) -> list[Indicateur]:
    """Every live view shaped `code_commune, annee, valeur [, scenario]`, as map indicators.

    Args:
        con: a cursor of the app's catalogue.
        vues_actives: the `vigie.stockage.vues.Vue` objects applied in that catalogue (names come from
            there: an allow-list, never from user input).
    """
    trouves = []
    for vue in vues_actives:
        colonnes = vues.colonnes(con, vue.nom)
        if not set(COLONNES_ANALYSTE) <= set(colonnes):
            continue
        voulues = [*COLONNES_ANALYSTE] + (["scenario"] if "scenario" in colonnes else [])
        donnees = vues.lire(con, vue.nom, voulues)
        trouves.append(
            indicateur_analyste(
                vue.titre,
                vue.entete.get("unite", ""),
                vue.entete.get("source", "non renseignée"),
                donnees,
                cle=f"vue:{vue.nom}",
            )
        )
    return trouves
