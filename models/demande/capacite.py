"""Capacité des équipements en service chaque année, et écart avec la demande.

Un équipement est en service l'année A s'il a ouvert au plus tard en A (ou si son année
d'ouverture est inconnue) et n'a pas fermé : l'année de fermeture est la première année sans lui
(fermé en 2019 : compté jusqu'en 2018). La population projetée étant celle du 1er janvier,
c'est la capacité de l'année comparée au besoin de la même année.

Les unités doivent être les mêmes : des places contre des places, des classes contre des classes,
des lits contre des lits. Un service sans équipement recensé dans le périmètre, ou dont les
équipements comptent autre chose que la demande (déplacements par jour contre places-km par an),
n'a pas de capacité comparable : on le dit, on ne calcule pas d'écart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COMPARABLE = "comparable"
SANS_EQUIPEMENT = "sans_equipement"
UNITE_DIFFERENTE = "unite_differente"


def en_service(equipements: pd.DataFrame, annee: int) -> pd.Series:
    """Équipements en service pendant `annee` (Series booléenne alignée sur `equipements`)."""
    ouverture = pd.to_numeric(equipements["annee_ouverture"], errors="coerce")
    fermeture = pd.to_numeric(equipements["annee_fermeture"], errors="coerce")
    return (ouverture.isna() | (ouverture <= annee)) & (fermeture.isna() | (fermeture > annee))


def capacite_par_annee(equipements: pd.DataFrame, annees: list[int] | np.ndarray) -> pd.DataFrame:
    """Capacité en service par service, unité et année.

    Args:
        equipements: colonnes service, capacite, unite_capacite, annee_ouverture, annee_fermeture.
        annees: les années voulues.

    Returns:
        Colonnes service, unite_capacite, annee, capacite (somme sur les équipements en service
        cette année-là), equipements (leur nombre), sans_capacite (combien d'entre eux n'ont pas
        de capacité renseignée).
    """
    colonnes = ["service", "unite_capacite", "annee", "capacite", "equipements", "sans_capacite"]
    if equipements.empty or len(annees) == 0:
        return pd.DataFrame(columns=colonnes)
    eq = equipements.reset_index(drop=True).copy()
    eq["unite_capacite"] = eq["unite_capacite"].fillna("non renseignée")
    capacite = pd.to_numeric(eq["capacite"], errors="coerce").to_numpy(dtype=float)
    ouverture = pd.to_numeric(eq["annee_ouverture"], errors="coerce").to_numpy(dtype=float)
    fermeture = pd.to_numeric(eq["annee_fermeture"], errors="coerce").to_numpy(dtype=float)
    ans = np.asarray(annees, dtype=float)[:, None]  # années × équipements, vectorisé
    ouvert = (np.isnan(ouverture) | (ouverture <= ans)) & (np.isnan(fermeture) | (fermeture > ans))
    cles = eq[["service", "unite_capacite"]].drop_duplicates().reset_index(drop=True)
    code_cle = eq.merge(cles.reset_index(), on=["service", "unite_capacite"], how="left")[
        "index"
    ].to_numpy()
    nulle = np.nan_to_num(capacite)
    manquante = np.isnan(capacite).astype(float)
    morceaux = []
    for k in range(len(cles)):
        colonnes_k = code_cle == k
        o = ouvert[:, colonnes_k]
        morceaux.append(
            pd.DataFrame(
                {
                    "service": cles.at[k, "service"],
                    "unite_capacite": cles.at[k, "unite_capacite"],
                    "annee": np.asarray(annees, dtype=int),
                    "capacite": o @ nulle[colonnes_k],
                    "equipements": o.sum(axis=1),
                    "sans_capacite": (o @ manquante[colonnes_k]).astype(int),
                }
            )
        )
    resultat = pd.concat(morceaux, ignore_index=True)
    return resultat[resultat["equipements"] > 0].reset_index(drop=True)[colonnes]


def ecart_capacite(demande: pd.DataFrame, equipements: pd.DataFrame) -> pd.DataFrame:
    """Demande face à la capacité par service, scénario et année.

    Args:
        demande: sortie de `calculer_demande` (service, methode, unite, scenario, annee, demande,
            bas_80, haut_80, bas_95, haut_95, intervalle).
        equipements: les équipements du périmètre (voir `capacite_par_annee`), toutes années.

    Returns:
        `demande` avec capacite (même unité que la demande, équipements en service cette année-là ;
        0 quand le service a des équipements comparables mais aucun en service cette année-là),
        equipements, unite_capacite (les unités dans lesquelles comptent les équipements du
        service, jointes), comparabilite (comparable, sans_equipement, unite_differente),
        ecart = capacite − demande (négatif : déficit), ecart_haut_80 = capacite − haut_80,
        deficit, deficit_haut_80.
    """
    res = demande.copy()
    annees = sorted(res["annee"].unique())
    capacites = capacite_par_annee(equipements, annees)
    eq = equipements.copy()
    eq["unite_capacite"] = eq["unite_capacite"].fillna("non renseignée")
    unites_service = eq.groupby("service")["unite_capacite"].agg(
        lambda s: ", ".join(sorted(set(s)))
    )
    res["unite_capacite"] = res["service"].map(unites_service)
    comparables = set(zip(eq["service"], eq["unite_capacite"], strict=True))
    res["comparabilite"] = [
        COMPARABLE
        if (s, u) in comparables
        else (UNITE_DIFFERENTE if s in unites_service.index else SANS_EQUIPEMENT)
        for s, u in zip(res["service"], res["unite"], strict=True)
    ]
    cap = capacites.rename(columns={"unite_capacite": "unite"})[
        ["service", "unite", "annee", "capacite", "equipements"]
    ]
    res = res.merge(cap, on=["service", "unite", "annee"], how="left")
    comparable = res["comparabilite"] == COMPARABLE
    # Des équipements comparables existent mais aucun n'est en service cette année : la capacité
    # est nulle, non inconnue.
    res.loc[comparable, "capacite"] = res.loc[comparable, "capacite"].fillna(0.0)
    res.loc[comparable, "equipements"] = res.loc[comparable, "equipements"].fillna(0)
    res.loc[~comparable, ["capacite", "equipements"]] = np.nan
    res["ecart"] = res["capacite"] - res["demande"]
    res["ecart_haut_80"] = res["capacite"] - res["haut_80"]
    res["deficit"] = comparable & (res["demande"] > res["capacite"])
    res["deficit_haut_80"] = comparable & (res["haut_80"] > res["capacite"])
    return res


def premieres_annees(ecart: pd.DataFrame, horizon: int | None = None) -> pd.DataFrame:
    """Première année de déficit par service et scénario, jusqu'à l'horizon.

    Args:
        ecart: sortie de `ecart_capacite`.
        horizon: dernière année considérée (incluse) ; toutes les années si None.

    Returns:
        Une ligne par service, methode et scenario : unite, unite_capacite, comparabilite,
        annee_debut, horizon, premiere_annee (première année où la demande centrale dépasse la
        capacité, NA si jamais), premiere_annee_haut_80 (de même pour la borne haute 80 %, NA si
        jamais ou sans intervalle), deficit_des_le_debut (déjà en déficit la première année
        projetée), fin_deficit (l'année qui suit la dernière année de déficit quand le déficit
        prend fin avant l'horizon, NA sinon), demande, bas_80, haut_80, capacite et ecart à
        l'horizon.
    """
    df = ecart if horizon is None else ecart[ecart["annee"] <= horizon]
    lignes = []
    for (service, methode, scenario), g in df.groupby(
        ["service", "methode", "scenario"], sort=False
    ):
        g = g.sort_values("annee")
        fin = g.iloc[-1]
        annees_deficit = g.loc[g["deficit"], "annee"]
        annees_haut = g.loc[g["deficit_haut_80"], "annee"]
        lignes.append(
            {
                "service": service,
                "methode": methode,
                "scenario": scenario,
                "unite": fin["unite"],
                "unite_capacite": fin["unite_capacite"],
                "comparabilite": fin["comparabilite"],
                "annee_debut": int(g["annee"].iloc[0]),
                "horizon": int(fin["annee"]),
                "premiere_annee": int(annees_deficit.iloc[0]) if len(annees_deficit) else pd.NA,
                "premiere_annee_haut_80": int(annees_haut.iloc[0]) if len(annees_haut) else pd.NA,
                "deficit_des_le_debut": bool(g["deficit"].iloc[0]),
                # Le déficit a pris fin à l'horizon : dernière année de déficit + 1 (NA s'il dure).
                "fin_deficit": (
                    int(annees_deficit.iloc[-1]) + 1
                    if len(annees_deficit) and not bool(g["deficit"].iloc[-1])
                    else pd.NA
                ),
                "demande": fin["demande"],
                "bas_80": fin["bas_80"],
                "haut_80": fin["haut_80"],
                "capacite": fin["capacite"],
                "ecart": fin["ecart"],
                "intervalle": fin["intervalle"],
            }
        )
    resultat = pd.DataFrame(lignes)
    for colonne in ("premiere_annee", "premiere_annee_haut_80", "fin_deficit"):
        if colonne in resultat:
            resultat[colonne] = resultat[colonne].astype("Int64")
    return resultat
