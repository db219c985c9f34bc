"""Demande de services = population projetée × ratios, avec ses fourchettes 80 % et 95 %.

Valeur centrale : pour chaque méthode, somme sur ses tranches d'âge de
population(tranche) × ratio / par, la population étant le chemin central du scénario (âges
détaillés, sexes additionnés).

Fourchettes (scénario central seulement, le seul dont les agrégats sont simulés) : la demande est
linéaire en la population de la tranche, avec un coefficient positif. Un quantile se transporte
donc tel quel par une fonction croissante : si la tranche est exactement un groupe d'âge simulé
(0-2 ans, 3-5 ans, 6-10 ans, 11-14 ans, 75 ans et plus, 85 ans et plus, Ensemble), les bornes
de la demande sont les bornes de ce groupe × ratio / par (« exacte »).

Une méthode à plusieurs tranches (EHPAD par âge : 75-84 ans et 85 ans ou plus) s'écrit comme une
combinaison à coefficients positifs de groupes simulés (taux₇₅₋₈₄ × [75+] + (taux₈₅₊ − taux₇₅₋₈₄)
× [85+]). On additionne alors les bornes des groupes : c'est exact si les groupes varient dans le
même sens (ici 85+ est inclus dans 75+) et plus large que la vraie fourchette sinon ; c'est donc
une fourchette prudente (« somme »). Une tranche qui n'est pas un groupe simulé (6 ans ou plus
pour les déplacements) reçoit la largeur relative du plus petit groupe qui la contient
(« approchée »). Les autres scénarios n'ont pas de fourchette (« aucune »).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import nnls

from .ratios import AGE_MAX

BORNES = ["bas_80", "haut_80", "bas_95", "haut_95"]
EXACTE, SOMME, GROUPE_APPROCHE, AUCUNE = "exacte", "somme", "approchée", "aucune"


def _profil(termes: list[tuple[int, int, float]]) -> np.ndarray:
    """Taux par âge détaillé 0..100 d'une méthode (0 hors de ses tranches)."""
    r = np.zeros(AGE_MAX + 1)
    for age_min, age_max, taux in termes:
        r[age_min : age_max + 1] += taux
    return r


def decomposer(
    termes: list[tuple[int, int, float]],
    groupes: pd.DataFrame,
) -> tuple[list[tuple[str, float]], str]:
    """Écrit la demande d'une méthode comme une combinaison de groupes d'âge simulés.

    Args:
        termes: les lignes (age_min, age_max, taux) de la méthode, taux = ratio / par.
        groupes: groupes simulés, colonnes groupe_age, age_min, age_max.

    Returns:
        ([(groupe_age, coefficient)], how) : `how` vaut « exacte » (un terme égal à un groupe),
        « somme » (une combinaison de groupes à coefficients positifs ou nuls, bornes additionnées),
        « approchée » (un groupe dont on emprunte la largeur relative ; son coefficient ne sert
        alors pas : l'appelant met la demande à l'échelle) ou « aucune » (aucun groupe).
    """
    if groupes.empty:
        return [], AUCUNE
    par_tranche = {
        (int(a), int(b)): g
        for g, a, b in zip(
            groupes["groupe_age"], groupes["age_min"], groupes["age_max"], strict=True
        )
    }
    actifs = [(a, b, t) for a, b, t in termes if t > 0]
    if not actifs:
        return [], EXACTE
    if all((a, b) in par_tranche for a, b, _ in actifs):
        combinaison = [(par_tranche[(a, b)], t) for a, b, t in actifs]
        return combinaison, EXACTE if len(actifs) == 1 else SOMME
    # Une combinaison de groupes à coefficients positifs ou nuls qui reproduit exactement le profil
    # des taux (NNLS, résidu nul).
    noms = list(par_tranche.values())
    matrice = np.zeros((AGE_MAX + 1, len(noms)))
    for j, (a, b) in enumerate(par_tranche):
        matrice[a : b + 1, j] = 1.0
    profil = _profil(actifs)
    coefficients, residu = nnls(matrice, profil)
    if residu <= 1e-9 * max(1.0, float(np.abs(profil).sum())):
        combinaison = [(noms[j], float(c)) for j, c in enumerate(coefficients) if c > 1e-12]
        return combinaison, SOMME
    # Sinon : le plus petit groupe simulé qui contient tous les âges de la méthode.
    debut = min(a for a, _, _ in actifs)
    fin = max(b for _, b, _ in actifs)
    contenants = [(b - a, g) for (a, b), g in par_tranche.items() if a <= debut and fin <= b]
    if not contenants:
        return [], AUCUNE
    return [(min(contenants)[1], 1.0)], GROUPE_APPROCHE


def calculer_demande(
    population: pd.DataFrame,
    ratios: pd.DataFrame,
    intervalles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Demande par service, scénario et année, avec ses bornes 80 % et 95 %.

    Args:
        population: population projetée, colonnes scenario, annee, age, population (toute autre
            colonne, par exemple sexe, est sommée).
        ratios: ratios effectifs (voir `ratios_effectifs`) ; seules les lignes où `retenue` est
            vrai sont utilisées quand cette colonne existe. Colonnes service, methode, age_min,
            age_max, ratio, par, unite.
        intervalles: bornes simulées des populations des groupes d'âge, colonnes scenario, annee,
            groupe_age, age_min, age_max, population, bas_80, haut_80, bas_95, haut_95.

    Returns:
        Une ligne par service, scénario et année : service, methode, unite, scenario, annee,
        population (des âges de la méthode), demande, bas_80, haut_80, bas_95, haut_95 et
        `intervalle` (exacte, somme, approchée, aucune : comment les bornes ont été obtenues).
    """
    if "retenue" in ratios.columns:
        ratios = ratios[ratios["retenue"].astype(bool)]
    # Lignes de la matrice : (scenario, annee) ; colonnes : âges détaillés 0..100 (sexes et toute
    # autre clé sommés).
    codes, cles = pd.factorize(
        pd.MultiIndex.from_arrays([population["scenario"], population["annee"]]), sort=True
    )
    cles = cles.to_frame(index=False, name=["scenario", "annee"])
    ages = np.zeros((len(cles), AGE_MAX + 1))
    np.add.at(
        ages,
        (codes, population["age"].to_numpy(dtype=int)),
        population["population"].to_numpy(dtype=float),
    )

    if intervalles is None or intervalles.empty:
        groupes = pd.DataFrame(columns=["groupe_age", "age_min", "age_max"])
        bornes_groupes = None
    else:
        groupes = intervalles[["groupe_age", "age_min", "age_max"]].drop_duplicates()
        bornes_groupes = intervalles.set_index(["scenario", "annee", "groupe_age"])

    resultats = []
    for (service, methode), lignes in ratios.groupby(["service", "methode"], sort=False):
        termes = [
            (int(a), int(b), float(r) / float(p))
            for a, b, r, p in zip(
                lignes["age_min"], lignes["age_max"], lignes["ratio"], lignes["par"], strict=True
            )
        ]
        profil = _profil(termes)
        presents = profil > 0
        masque = np.zeros(AGE_MAX + 1, dtype=bool)
        for a, b, _ in termes:
            masque[a : b + 1] = True
        res = cles.copy()
        res["service"] = service
        res["methode"] = methode
        res["unite"] = lignes["unite"].iloc[0]
        res["population"] = ages[:, masque].sum(axis=1)
        res["demande"] = ages @ profil
        for borne in BORNES:
            res[borne] = np.nan
        res["intervalle"] = AUCUNE
        combinaison, comment = decomposer(termes, groupes)
        if bornes_groupes is not None and combinaison and presents.any():
            res = _porter_bornes(res, combinaison, comment, bornes_groupes)
        elif not presents.any():  # ratio nul : demande nulle, sans incertitude
            for borne in BORNES:
                res[borne] = 0.0
            res["intervalle"] = EXACTE
        resultats.append(res)
    colonnes = [
        "service",
        "methode",
        "unite",
        "scenario",
        "annee",
        "population",
        "demande",
        *BORNES,
        "intervalle",
    ]
    if not resultats:
        return pd.DataFrame(columns=colonnes)
    return pd.concat(resultats, ignore_index=True)[colonnes]


def _porter_bornes(
    res: pd.DataFrame,
    combinaison: list[tuple[str, float]],
    comment: str,
    bornes_groupes: pd.DataFrame,
) -> pd.DataFrame:
    """Remplit les bornes de `res` (une méthode) à partir des bornes simulées des groupes."""
    index = pd.MultiIndex.from_frame(res[["scenario", "annee"]])
    cumul = {b: np.zeros(len(res)) for b in BORNES}
    disponible = np.ones(len(res), dtype=bool)
    for groupe, coefficient in combinaison:
        cles = pd.MultiIndex.from_arrays(
            [index.get_level_values(0), index.get_level_values(1), [groupe] * len(res)]
        )
        valeurs = bornes_groupes.reindex(cles)
        for borne in BORNES:
            v = valeurs[borne].to_numpy(dtype=float)
            if comment == GROUPE_APPROCHE:
                # Emprunte la largeur relative du groupe : demande × borne / valeur centrale du
                # groupe.
                centre = valeurs["population"].to_numpy(dtype=float)
                with np.errstate(divide="ignore", invalid="ignore"):
                    v = np.where(centre > 0, res["demande"].to_numpy() * v / centre, np.nan)
            else:
                v = coefficient * v
            cumul[borne] += v
            disponible &= ~np.isnan(v)
    for borne in BORNES:
        res[borne] = np.where(disponible, cumul[borne], np.nan)
    res["intervalle"] = np.where(disponible, comment, AUCUNE)
    return res
