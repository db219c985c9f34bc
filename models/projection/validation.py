"""Validation sur données réelles : rétro-projections départementales et nationale (issue 4).

1. **Départements** (INSEE, estimations de population par département, sexe et âge quinquennal,
   ``estim-pop-dep-sexe-aq-1975-2021.xlsx``) : pour chaque département, les groupes quinquennaux de
   ``precedente`` (2006) et ``origine`` (2011) sont éclatés en âges détaillés (``eclater_groupes``),
   le modèle est estimé avec ces seules données (pas de naissances ni de décès départementaux dans
   le fichier : fécondité et mortalité nationales, migrations par la méthode des résidus entre les
   deux années) puis projeté jusqu'à ``cible`` (2021) et comparé aux estimations publiées pour
   ``cible``. Deux références naïves : taux de croissance constant (celui de precedente -> origine,
   prolongé) et population constante (valeur de l'origine), pour chaque groupe.
2. **France** : projection Vigie depuis 2013 (pyramides 2008 et 2013 par âge détaillé) comparée à la
   projection centrale INSEE 2013-2070 et à la population observée en 2021.

Erreur : erreur absolue moyenne en % (MAPE) sur les départements, par groupe : ensemble, 0-4,
5-9, 75 ans et plus. Couverture : part des départements dont la valeur observée tombe dans les
fourchettes simulées à 80 % et 95 % (ensemble et 75 ans et plus).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .entrees import DonneesProjection
from .fiabilite import (
    FICHIER_DEPARTEMENTS,
    donnees_departements,
    lire_departements,
    sommer_groupes,
)
from .groupes import GROUPES_AGE, bornes
from .projection import projeter
from .reference import ReferenceNationale, charger_reference
from .scenario import Scenario
from .taux import estimer_modele

FICHIER_FRANCE_OBSERVEE = "mortality_fertility_projections/donnees_pyramide_act.csv"
FICHIER_FRANCE_INSEE_2013 = "mortality_fertility_projections/donnees_pyramide_proj.csv"
GROUPES = {
    nom: b
    for nom, b in bornes(GROUPES_AGE, "fiabilite").items()
    if nom in ("Ensemble", "0-4 ans", "5-9 ans", "75 ans et plus")
}


def _groupes(df: pd.DataFrame, cles: list[str]) -> pd.DataFrame:
    """Somme une population par âge détaillé dans les groupes de ``GROUPES`` (format long)."""
    return sommer_groupes(df, cles, GROUPES)


def _groupes_quinquennaux(df: pd.DataFrame) -> pd.DataFrame:
    d = df.rename(columns={"age_debut": "age"})
    return _groupes(d, ["code_dep", "annee"])


def valider_departements(
    dossier_shared: Path | str,
    origine: int = 2011,
    cible: int = 2021,
    precedente: int = 2006,
    codes: list[str] | None = None,
    n_tirages: int = 100,
    reference: ReferenceNationale | None = None,
    parametres_incertitude=None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rétro-projection départementale ``origine`` -> ``cible`` contre deux références naïves.

    Args:
        dossier_shared: dossier ``shared/data``.
        codes: départements retenus (tous par défaut).

    Returns:
        ``(detail, resume)`` : detail une ligne par département et groupe (observé, Vigie, naïfs,
        bornes 80/95 quand simulées) ; resume une ligne par groupe (MAPE de chaque méthode,
        couvertures, départements où Vigie bat chaque référence).
    """
    est = lire_departements(
        Path(dossier_shared) / FICHIER_DEPARTEMENTS, [precedente, origine, cible]
    )
    if codes is not None:
        est = est[est["code_dep"].isin(codes)]
    # départements présents les trois années (Mayotte n'est estimée qu'à partir de 2014)
    presents = est.groupby("code_dep")["annee"].nunique()
    est = est[est["code_dep"].isin(presents[presents == 3].index)]
    donnees = donnees_departements(est, [precedente, origine])
    modele = estimer_modele(donnees, reference or charger_reference())
    res = projeter(
        modele, Scenario("validation", horizon=cible), intervalles=n_tirages > 0,
        n_tirages=max(n_tirages, 1), graine=2011, parametres_incertitude=parametres_incertitude,
    )  # fmt: skip
    proj = res.population
    proj = proj[proj["annee"] == cible].rename(columns={"code_commune": "code_dep"})
    proj = proj.assign(code_dep=proj["code_dep"].astype(str))
    vigie = _groupes(proj, ["code_dep"]).rename(columns={"population": "vigie"})

    obs = _groupes_quinquennaux(est)
    pivot = obs.pivot_table(index=["code_dep", "groupe"], columns="annee", values="population")
    table = pd.DataFrame(
        {
            "observe": pivot[cible],
            "constante": pivot[origine],
            "croissance_constante": pivot[origine]
            * (pivot[origine] / pivot[precedente]) ** ((cible - origine) / (origine - precedente)),
        }
    ).reset_index()
    table = table.merge(vigie, on=["code_dep", "groupe"])
    if res.intervalles_agreges is not None:
        ia = res.intervalles_agreges
        ia = ia[(ia["niveau"] == "commune") & (ia["annee"] == cible)]
        ia = ia[ia["groupe_age"].isin(["Ensemble", "75 ans et plus"])].rename(
            columns={"code": "code_dep", "groupe_age": "groupe"}
        )
        table = table.merge(
            ia[["code_dep", "groupe", "bas_80", "haut_80", "bas_95", "haut_95"]].assign(
                code_dep=lambda d: d["code_dep"].astype(str)
            ),
            on=["code_dep", "groupe"],
            how="left",
        )
    noms = est.drop_duplicates("code_dep").set_index("code_dep")["nom"]
    table.insert(1, "nom", table["code_dep"].map(noms))
    for m in ("vigie", "croissance_constante", "constante"):
        table[f"erreur_{m}"] = (table[m] - table["observe"]) / table["observe"] * 100

    def resume(g: pd.DataFrame) -> pd.Series:
        ligne = {
            "departements": len(g),
            "mape_vigie": g["erreur_vigie"].abs().mean(),
            "mape_croissance_constante": g["erreur_croissance_constante"].abs().mean(),
            "mape_constante": g["erreur_constante"].abs().mean(),
            "biais_median_vigie": g["erreur_vigie"].median(),
            "vigie_meilleur_que_croissance_pct": (
                g["erreur_vigie"].abs() < g["erreur_croissance_constante"].abs()
            ).mean()
            * 100,
            "vigie_meilleur_que_constante_pct": (
                g["erreur_vigie"].abs() < g["erreur_constante"].abs()
            ).mean()
            * 100,
        }
        if "bas_80" in g and g["bas_80"].notna().any():
            ligne["couverture_80"] = g["observe"].between(g["bas_80"], g["haut_80"]).mean()
            ligne["couverture_95"] = g["observe"].between(g["bas_95"], g["haut_95"]).mean()
        return pd.Series(ligne)

    synthese = pd.DataFrame(
        [
            {"groupe": groupe, **resume(table[table["groupe"] == groupe])}
            for groupe in GROUPES
            if (table["groupe"] == groupe).any()
        ]
    )
    return table, synthese


def _lire_pyramide(chemin: Path) -> pd.DataFrame:
    d = pd.read_csv(chemin, sep=";")
    d.columns = [c.upper() for c in d.columns]
    d["sexe"] = d["SEXE"].map({"M": 1, "F": 2, 1: 1, 2: 2, "1": 1, "2": 2})
    d["age"] = d["AGE"].clip(upper=100).astype(int)
    return (
        d.rename(columns={"ANNEE": "annee", "POP": "population"})
        .groupby(["annee", "sexe", "age"], as_index=False)["population"]
        .sum()
    )


def valider_france(
    dossier_shared: Path | str,
    origine: int = 2013,
    cible: int = 2021,
    precedente: int = 2008,
    reference: ReferenceNationale | None = None,
) -> pd.DataFrame:
    """Vigie (depuis ``origine``) contre la projection centrale INSEE 2013-2070 et l'observé.

    Returns:
        une ligne par groupe : observé, Vigie, INSEE, naïfs, erreurs en %.
    """
    dossier = Path(dossier_shared)
    obs = _lire_pyramide(dossier / FICHIER_FRANCE_OBSERVEE)
    insee = _lire_pyramide(dossier / FICHIER_FRANCE_INSEE_2013)
    entree = obs[obs["annee"].isin([precedente, origine])].assign(code_commune="FR")
    donnees = DonneesProjection(
        population=entree, communes=pd.DataFrame({"code_commune": ["FR"], "code_epci": ["FR"]})
    )
    modele = estimer_modele(donnees, reference or charger_reference())
    res = projeter(modele, Scenario("validation", horizon=cible))
    vigie = res.population
    vigie = vigie[vigie["annee"] == cible][["age", "population"]].assign(cle=1)

    def g(df):
        return _groupes(df.assign(cle=1), ["cle"]).set_index("groupe")["population"]

    o = {a: g(obs[obs["annee"] == a]) for a in (precedente, origine, cible)}
    table = pd.DataFrame(
        {
            "observe": o[cible],
            "vigie": g(vigie),
            "insee_central_2013": g(insee[insee["annee"] == cible]),
            "croissance_constante": o[origine]
            * (o[origine] / o[precedente]) ** ((cible - origine) / (origine - precedente)),
            "constante": o[origine],
        }
    ).reindex(list(GROUPES))
    for m in ("vigie", "insee_central_2013", "croissance_constante", "constante"):
        table[f"erreur_{m}"] = (table[m] - table["observe"]) / table["observe"] * 100
    return table.reset_index().rename(columns={"index": "groupe"})
