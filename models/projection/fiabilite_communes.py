"""Fiabilité sur les petits territoires : rétro-projection des totaux communaux à partir des
populations légales INSEE 2019-2023, par classe de taille (issue 19, point 4).

Les populations légales ne donnent que des totaux (pas d'âges) : le modèle par composantes ne peut
pas tourner commune par commune sur ces seuls fichiers. On y juge donc la règle que Vigie applique
au niveau de chaque commune — sa croissance propre **mutualisée** avec celle de son département
par crédibilité, ``w = exposition / (exposition + K_niveau)`` (``ParametresEstimation
.k_niveau_migration`` personnes-années, comme le niveau migratoire du modèle) — contre la
croissance constante (taux propre prolongé) et la population constante. Cela dit à l'utilisateur de
combien se trompe, pour une commune de sa taille, une projection tendancielle à 1 à 3 ans.

Limites dites : une population légale de l'année N est une moyenne de cinq enquêtes annuelles
(N-2 à N+2), ce qui lisse les évolutions ; les fusions de communes entre millésimes sont écartées
(codes absents d'un millésime, ou variation de plus de 25 % en un an).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .taux import ParametresEstimation

DOSSIER = "populations_legales"
FICHIERS = {
    2019: "ensemble_pop_legales_2019_Communes_extrait.csv",
    2020: "donnees_communes_pop_legale_2020.csv",
    2021: "donnees_communes_pop_legale_2021.csv",
    2022: "ensemble_pop_legales_2022_Communes_extrait.csv",
    2023: "donnees_communes_pop_legale_2023.csv",
}
CLASSES = [0, 2_000, 10_000, np.inf]
LIBELLES_CLASSES = ["moins de 2 000", "2 000 à 10 000", "plus de 10 000"]
METHODES_COMMUNES = ("vigie", "croissance_constante", "constante")


def fichiers_presents(dossier_shared: Path | str) -> bool:
    """Vrai si les cinq millésimes sont là."""
    d = Path(dossier_shared) / DOSSIER
    return all((d / f).is_file() for f in FICHIERS.values())


def _entier(s: pd.Series) -> pd.Series:
    """Nombres INSEE avec espace insécable comme séparateur de milliers."""
    return pd.to_numeric(
        s.astype(str).str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    )


def lire_population_legale(chemin: Path, annee: int) -> pd.DataFrame:
    """Une colonne ``code_commune`` (5 caractères), ``code_dep``, ``population`` (municipale).

    Raises:
        ValueError: colonnes attendues absentes (message nommant le fichier).
    """
    brut = pd.read_csv(chemin, sep=";", dtype=str, comment="#", encoding="utf-8")
    c = set(brut.columns)
    if {"Code département", "Code commune", "Population municipale"} <= c:
        dep, com, pmun = (
            brut["Code département"],
            brut["Code commune"],
            brut["Population municipale"],
        )
        code = dep.str.zfill(2) + com.str.zfill(3)
        code = code.where(~dep.str.len().eq(3), dep + com.str[-2:])  # DOM : 971 + 2 chiffres
    elif {"CODDEP", "CODCOM", "PMUN"} <= c:
        dep, com, pmun = brut["CODDEP"], brut["CODCOM"], brut["PMUN"]
        code = dep.str.zfill(2) + com.str.zfill(3)
        code = code.where(~dep.str.len().eq(3), dep + com.str[-2:])
    elif {"DEP", "COM", "PMUN"} <= c:
        dep, code, pmun = brut["DEP"], brut["COM"], brut["PMUN"]
    else:
        raise ValueError(
            f"{chemin} : colonnes « Code département », « Code commune », « Population "
            f"municipale » (ou CODDEP/CODCOM/PMUN, DEP/COM/PMUN) attendues ; lues : {sorted(c)}."
        )
    return pd.DataFrame(
        {"code_commune": code.to_numpy(), "code_dep": dep.to_numpy(), "population": _entier(pmun)}
    ).assign(annee=annee)


def lire_series(dossier_shared: Path | str) -> pd.DataFrame:
    """Populations municipales 2019-2023, une colonne par année, communes stables seulement."""
    d = Path(dossier_shared) / DOSSIER
    long = pd.concat([lire_population_legale(d / f, a) for a, f in FICHIERS.items()])
    large = long.pivot_table(
        index=["code_commune"], columns="annee", values="population", aggfunc="sum"
    )
    deps = long.drop_duplicates("code_commune").set_index("code_commune")["code_dep"]
    large = large.dropna()
    large = large[(large > 0).all(axis=1)]
    sauts = (large.pct_change(axis=1).iloc[:, 1:].abs() > 0.25).any(axis=1)
    large = large[~sauts]
    large.insert(0, "code_dep", deps.reindex(large.index))
    return large


def backtest_communes(
    dossier_shared: Path | str,
    fenetres: list[tuple[int, int]] | None = None,
    parametres: ParametresEstimation | None = None,
) -> pd.DataFrame:
    """Erreurs des totaux communaux par fenêtre, horizon, classe de taille et méthode.

    Args:
        fenetres: couples (précédente, origine) ; par défaut (2019, 2020), (2019, 2021),
            (2020, 2022) jugés sur toutes les années publiées après l'origine.

    Returns:
        colonnes ``fenetre``, ``horizon``, ``classe_taille``, ``methode``, ``communes``,
        ``erreur_abs_moyenne``, ``erreur_abs_mediane``, ``biais_moyen``, ``erreur_ponderee`` (%).
    """
    prm = parametres or ParametresEstimation()
    s = lire_series(dossier_shared)
    fenetres = fenetres or [(2019, 2020), (2019, 2021), (2020, 2022)]
    annees = [a for a in FICHIERS]
    lignes = []
    for p, o in fenetres:
        k = o - p
        r_c = (s[o] / s[p]) ** (1 / k) - 1
        tot_dep = s.groupby("code_dep")[[p, o]].transform("sum")
        r_d = (tot_dep[o] / tot_dep[p]) ** (1 / k) - 1
        expo = s[[p, o]].mean(axis=1) * k
        w = expo / (expo + prm.k_niveau_migration)
        r_v = w * r_c + (1 - w) * r_d
        classe = pd.cut(s[o], CLASSES, labels=LIBELLES_CLASSES, right=False)
        for cible in (a for a in annees if a > o):
            h = cible - o
            proj = {
                "vigie": s[o] * (1 + r_v) ** h,
                "croissance_constante": s[o] * (1 + r_c) ** h,
                "constante": s[o],
            }
            for m, v in proj.items():
                e = (v - s[cible]) / s[cible] * 100
                for lib, masque in [("toutes", slice(None))] + [
                    (c, classe == c) for c in LIBELLES_CLASSES
                ]:
                    ee, vv, oo = e[masque], v[masque], s[cible][masque]
                    lignes.append(
                        {
                            "fenetre": f"{p}, {o} → {cible}",
                            "horizon": h,
                            "classe_taille": lib,
                            "methode": m,
                            "communes": len(ee),
                            "erreur_abs_moyenne": ee.abs().mean(),
                            "erreur_abs_mediane": ee.abs().median(),
                            "biais_moyen": ee.mean(),
                            "erreur_ponderee": (vv - oo).abs().sum() / oo.sum() * 100,
                        }
                    )
    return pd.DataFrame(lignes)
