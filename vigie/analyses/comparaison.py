"""Un territoire face à ses repères : son EPCI, son territoire, son département, sa région et la
France, sur les mêmes indicateurs observés et projetés.

Possède la mise en forme des deux requêtes nommées `comparaison_observe` et `comparaison_projete`
en un tableau (une ligne par périmètre) et la liste des repères absents de la base, pour que la page
dise ce qu'elle ne peut pas montrer. Du pandas seulement : ni streamlit ni duckdb.
"""

from __future__ import annotations

import pandas as pd

from vigie import textes

ORDRE_NIVEAUX = ["commune", "epci", "territoire", "departement", "region", "france"]
NOMS_NIVEAUX = {**textes.NIVEAUX, "region": "Région", "france": "France"}
NIVEAUX_COURTS = {
    "commune": "commune",
    "epci": "intercommunalité",
    "territoire": "territoire",
    "departement": "département",
    "region": "région",
    "france": "France",
}
ANNEES_PROJETEES = (2030, 2040, 2050)
COLONNES_TRAJECTOIRES = [
    "libelle",
    "niveau",
    "code_perimetre",
    "annee",
    "population",
    "bas_80",
    "haut_80",
    "projete",
]
# D'où viendraient les chiffres des repères absents.
_LEGALES = (
    "les populations légales des communes de l'INSEE (ensemble.xlsx ou "
    "donnees_communes_pop_legale_AAAA.csv, page « Populations légales » d'insee.fr) avec le COG "
    "des communes (v_commune_AAAA.csv)"
)
AIDE_MANQUANT = {
    "departement": f"{_LEGALES}, ou les estimations de population par département de l'INSEE "
    "(estim-pop-dep-sexe-aq-AAAA.xlsx) pour les âges",
    "region": f"{_LEGALES}, pour toutes les communes de la région",
    "france": f"{_LEGALES}, pour toutes les communes de France",
}


def libelle_perimetre(niveau: str, nom: str) -> str:
    """`Porz-Vihan (commune)` ; la France est juste `France`."""
    if niveau == "france":
        return nom or "France"
    return f"{nom} ({NIVEAUX_COURTS.get(niveau, niveau)})"


def annee_reference(observe: pd.DataFrame) -> int | None:
    """La dernière année de recensement du périmètre comparé (l'année de référence du tableau)."""
    return int(observe["annee"].max()) if not observe.empty else None


def annee_depart(observe: pd.DataFrame, ecart_evolution: int = 5) -> int | None:
    """L'année d'où court l'évolution annuelle du tableau : `annee - ecart_evolution` si tous les
    périmètres l'ont, sinon la plus ancienne année de cet écart que le périmètre comparé (la
    première ligne, la plus fine) et l'année de référence partagent ; None sans deux années."""
    annee = annee_reference(observe)
    if annee is None:
        return None
    ordre = {n: i for i, n in enumerate(ORDRE_NIVEAUX)}
    plus_fin = min(observe["niveau"], key=lambda n: ordre.get(n, len(ordre)))
    annees = observe.loc[observe["niveau"] == plus_fin, "annee"]
    candidates = sorted(a for a in set(annees) if annee - ecart_evolution <= a < annee)
    return int(candidates[0]) if candidates else None


def tableau(
    observe: pd.DataFrame,
    projete: pd.DataFrame,
    annees_projetees: tuple[int, ...] = ANNEES_PROJETEES,
    ecart_evolution: int = 5,
) -> pd.DataFrame:
    """Une ligne par périmètre, de la commune à la France, en colonnes numériques.

    Args:
        observe: les lignes de `comparaison_observe` (niveau, code_perimetre, nom_perimetre,
            annee, population, population_0_2, population_75_plus, part_0_2, part_75_plus,
            origine).
        projete: les lignes de `comparaison_projete` (niveau, code_perimetre, annee, groupe_age,
            population, bas_80, haut_80, bas_95, haut_95).
        annees_projetees: les années projetées montrées (celles au-delà de la projection sont
            sautées).
        ecart_evolution: les années entre les deux recensements de l'évolution annuelle (5 pour
            l'INSEE) ; quand l'année `annee - ecart_evolution` manque (cinq millésimes de
            populations légales couvrent quatre ans), l'évolution court depuis la plus ancienne
            année plus récente que le périmètre comparé a aussi, pour tous les périmètres.

    Returns:
        Les colonnes niveau, code_perimetre, libelle, annee, population, annee_depart et
        taux_annuel (évolution annuelle moyenne d'`annee_depart` à `annee`), part_0_2,
        part_75_plus et annee_part_75_plus (l'année de cette part : la dernière connue quand
        celle de référence manque), part_75_plus, origine, et pour chaque
        année projetée A : population_A, bas_80_A, haut_80_A, part_0_2_A, part_75_plus_A.
    """
    if observe.empty:
        return pd.DataFrame()
    annee = annee_reference(observe)
    depart = annee_depart(observe, ecart_evolution)
    lignes = []
    for (niveau, code), d in observe.groupby(["niveau", "code_perimetre"], sort=False):
        d = d.set_index("annee").sort_index()
        if annee not in d.index:
            continue
        courant = d.loc[annee]
        ligne = {
            "niveau": niveau,
            "code_perimetre": code,
            "libelle": libelle_perimetre(niveau, courant["nom_perimetre"]),
            "annee": annee,
            "population": courant["population"],
            "part_0_2": courant["part_0_2"],
            "part_75_plus": courant["part_75_plus"],
            "origine": courant["origine"],
            "annee_depart": depart,
            "taux_annuel": float("nan"),
            "annee_part_75_plus": annee,
        }
        if pd.isna(courant["part_75_plus"]):
            # Les estimations par âge s'arrêtent avant les populations légales (2021 contre 2023) :
            # la dernière part connue, avec son année (la page l'écrit), plutôt qu'un tiret.
            connues = d["part_75_plus"].dropna()
            if not connues.empty:
                ligne["part_75_plus"] = float(connues.iloc[-1])
                ligne["annee_part_75_plus"] = int(connues.index[-1])
        if depart is not None and depart in d.index and d.loc[depart, "population"]:
            ligne["taux_annuel"] = (courant["population"] / d.loc[depart, "population"]) ** (
                1 / (annee - depart)
            ) - 1
        p = projete[(projete["niveau"] == niveau) & (projete["code_perimetre"] == code)]
        for a in annees_projetees:
            pa = p[p["annee"] == a].set_index("groupe_age")
            if "Ensemble" not in pa.index:
                continue
            ensemble = pa.loc["Ensemble"]
            ligne[f"population_{a}"] = ensemble["population"]
            ligne[f"bas_80_{a}"] = ensemble["bas_80"]
            ligne[f"haut_80_{a}"] = ensemble["haut_80"]
            for groupe, colonne in (("0-2 ans", "part_0_2"), ("75 ans et plus", "part_75_plus")):
                if groupe in pa.index and ensemble["population"]:
                    ligne[f"{colonne}_{a}"] = pa.loc[groupe, "population"] / ensemble["population"]
        lignes.append(ligne)
    resultat = pd.DataFrame(lignes)
    rang = {n: i for i, n in enumerate(ORDRE_NIVEAUX)}
    return resultat.sort_values(
        "niveau", key=lambda s: s.map(rang).fillna(len(rang)), kind="stable"
    ).reset_index(drop=True)


def manquants(observe: pd.DataFrame, niveau_compare: str) -> list[str]:
    """Les niveaux de repère sans chiffre dans la base (département, région, France...)."""
    attendus = ["departement", "region", "france"]
    if niveau_compare == "commune":
        attendus = ["epci", *attendus]
    presents = set(observe["niveau"]) if not observe.empty else set()
    return [n for n in attendus if n not in presents]


def series_trajectoires(
    observe: pd.DataFrame, projete: pd.DataFrame, groupe_age: str = "Ensemble"
) -> pd.DataFrame:
    """Les effectifs observés puis projetés d'un groupe d'âge pour chaque périmètre, pour le
    graphique en indice.

    Returns:
        Les colonnes de COLONNES_TRAJECTOIRES.
    """
    colonne = {"Ensemble": "population", "0-2 ans": "population_0_2"}.get(
        groupe_age, "population_75_plus"
    )
    libelles = {
        (r.niveau, r.code_perimetre): libelle_perimetre(r.niveau, r.nom_perimetre)
        for r in observe.drop_duplicates(["niveau", "code_perimetre"]).itertuples()
    }
    # Les longues séries des repères (estimations depuis 1975) commencent là où commence celle du
    # périmètre comparé : le graphique en indice compare les mêmes années.
    ordre = {n: i for i, n in enumerate(ORDRE_NIVEAUX)}
    if not observe.empty:
        plus_fin = min(observe["niveau"], key=lambda n: ordre.get(n, len(ordre)))
        debut = observe.loc[observe["niveau"] == plus_fin, "annee"].min()
        observe = observe[observe["annee"] >= debut]
    o = observe.assign(
        libelle=[
            libelles[(n, c)]
            for n, c in zip(observe["niveau"], observe["code_perimetre"], strict=True)
        ],
        population=observe[colonne],
        bas_80=float("nan"),
        haut_80=float("nan"),
        projete=False,
    )[COLONNES_TRAJECTOIRES]
    p = projete[projete["groupe_age"] == groupe_age]
    # Une Series booléenne, pas une liste : une liste vide ne sélectionnerait aucune colonne
    # (projection vide).
    garder = pd.Series(
        [(n, c) in libelles for n, c in zip(p["niveau"], p["code_perimetre"], strict=True)],
        index=p.index,
        dtype=bool,
    )
    p = p[garder]
    p = p.assign(
        libelle=[libelles[(n, c)] for n, c in zip(p["niveau"], p["code_perimetre"], strict=True)],
        projete=True,
    )[COLONNES_TRAJECTOIRES]
    ensemble = pd.concat([o, p], ignore_index=True)
    rang = {n: i for i, n in enumerate(ORDRE_NIVEAUX)}
    return ensemble.sort_values(
        ["niveau", "annee"], key=lambda s: s.map(rang) if s.name == "niveau" else s, kind="stable"
    ).reset_index(drop=True)
