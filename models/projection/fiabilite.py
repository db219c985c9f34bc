"""Fiabilité mesurée de la projection : rétro-projections départementales sur toutes les fenêtres
que permettent les estimations INSEE 1975-2021, erreurs contre deux références naïves, et calage
des intervalles hors échantillon (issue 19).

**Fenêtres.** Pour chaque couple (``precedente``, ``origine``) espacé de 5 ans, le modèle est estimé
avec les seules populations de ces deux années (mortalité nationale, niveau de fécondité tiré des
moins de 5 ans à l'origine faute de naissances départementales, migrations par la méthode des
résidus), puis projeté à 5 et 10 ans tant que l'année cible est publiée (2021 au
plus). Deux références naïves par groupe d'âges : croissance constante (le taux de
``precedente -> origine`` prolongé) et population constante (valeur de l'origine).

**Mesures** par fenêtre, horizon, groupe d'âges et méthode : erreur absolue moyenne et médiane en %
des départements, erreur signée moyenne (biais : positive = surestimation), erreur pondérée par la
population (somme des écarts absolus / somme des populations observées).

**Calage des intervalles** (``ajuster_calibrage``) : les fourchettes simulées ne contiennent que
l'aléa (taille de population, dérive des taux) ; l'erreur de modèle (tendances imprévues) s'y
ajoute en variance, ``demi² = demi_simulée² + (z × sigma × central)²``. Pour chaque groupe d'âges
et horizon, ``sigma_80`` (resp. ``sigma_95``) est le plus petit écart type relatif qui fait
couvrir 80 % (resp. 95 %) des cas d'apprentissage. Le contrôle est glissant et hors échantillon :
chaque fenêtre est jugée avec des sigma appris sur les seules fenêtres dont l'année cible précède
son origine (:func:`couverture_hors_echantillon`) ; les sigma livrés, ajustés sur toutes les
fenêtres, sont aussi jugés par validation croisée par blocs, chaque fenêtre avec des sigma appris
sur les fenêtres qui ne recouvrent pas sa période (:func:`couverture_periodes_exclues`). Ils sont
stockés dans ``data/reference/calibrage_intervalles.csv`` et lus par ``incertitude``.

**Limite mesurée** (``bench/backtest_projection.py``) : la couverture est juste en moyenne (80 %
et 94 %) mais varie d'une fenêtre à l'autre, car une part de l'erreur est commune à tous les
départements d'une fenêtre (:func:`erreur_commune` : fécondité nationale, retournements
migratoires). Dans les cases sous-couvertes, cette part commune est de 0,6 en médiane, contre 0,2
ailleurs : aucune largeur apprise sur d'autres fenêtres ne fait couvrir 75-85 % des départements
d'une fenêtre décalée d'un bloc, sans rendre les autres trop larges.

**Fécondité locale** (``bench/backtest_projection.py --comparer-fecondite``) : le niveau tiré des
moins de 5 ans à l'origine donne la même erreur que l'ancien report de l'écart local sur le solde
migratoire des nouveau-nés (0-4 ans : 7,20 % → 7,24 % en moyenne des fenêtres ; 5-9 ans : 3,53 %
→ 3,57 %) et la même couverture (80 % dans 75-85 % : 39 → 37 cases sur 120, moyennes 0,797 →
0,800 et 0,940 → 0,940). Dans chaque fenêtre, les départements à forte fécondité estimée sont
surestimés à 0-4 ans (retour vers la moyenne, corrélation 0,1 à 0,5) ; résorber l'écart
(:func:`ajuster_convergence_fecondite`, 0,045 par an sur toutes les fenêtres, 0,035 à 0,06 par
fenêtre exclue, ``--convergence hors_periode``) ne baisse pas l'erreur absolue moyenne (7,25 %),
que domine la part nationale, et ne rapproche pas la couverture (34 cases) : le taux livré reste 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import binom

from .age_detaille import eclater_groupes
from .calage_intervalles import Z, elargir, sigma_a_horizon
from .entrees import DonneesProjection
from .groupes import GROUPES_AGE, bornes
from .incertitude import ParametresIncertitude
from .projection import projeter
from .reference import ReferenceNationale, charger_reference
from .scenario import Scenario
from .taux import ParametresEstimation, estimer_modele

FICHIER_DEPARTEMENTS = "population_departement/estim-pop-dep-sexe-aq-1975-2021.xlsx"
DERNIERE_ANNEE = 2021
# Groupes jugés (bornes incluses, 100 = 100 ans et plus), dans l'ordre des tableaux : le jeu
# « fiabilite » de data/reference/groupes_age.csv.
GROUPES_FIABILITE: dict[str, tuple[int, int]] = bornes(GROUPES_AGE, "fiabilite")
METHODES = ("vigie", "croissance_constante", "constante")
LIBELLES_METHODES = {
    "vigie": "Vigie",
    "croissance_constante": "croissance constante",
    "constante": "population constante",
}
# Colonnes de la première ligne des blocs Hommes et Femmes d'une feuille annuelle du fichier INSEE :
# code, nom, puis 20 groupes d'âges + total pour Ensemble, Hommes, Femmes.
_DEBUT_BLOC = {1: 23, 2: 44}


def fenetres_possibles(
    premiere: int = 1976, derniere: int = DERNIERE_ANNEE, pas: int = 5
) -> list[tuple[int, int]]:
    """Couples (précédente, origine) dont au moins la cible à 5 ans est publiée, alignés sur 2021.

    >>> fenetres_possibles()[-1]
    (2011, 2016)
    """
    origines = range(derniere - pas, premiere + pas - 1, -pas)
    return sorted((o - pas, o) for o in origines if o - pas >= premiere)


def libelle_fenetre(precedente: int, origine: int, cible: int) -> str:
    """« 2006, 2011 → 2021 » : années d'entrée et année jugée."""
    return f"{precedente}, {origine} → {cible}"


def lire_departements(chemin: Path | str, annees: list[int]) -> pd.DataFrame:
    """Estimations départementales au format long.

    Returns:
        colonnes ``code_dep``, ``nom``, ``annee``, ``sexe``, ``age_debut`` (0, 5, ..., 95),
        ``population``. Les lignes de total (France, DOM) sont écartées.
    """
    feuilles = pd.read_excel(
        chemin, sheet_name=[str(a) for a in annees], header=None, engine="calamine"
    )
    morceaux = []
    for annee in annees:
        brut = feuilles[str(annee)]
        corps = brut.iloc[5:]
        corps = corps[corps[1].notna() & corps[0].astype(str).str.fullmatch(r"\d[\dAB]\d?")]
        for sexe, debut in _DEBUT_BLOC.items():
            bloc = corps.iloc[:, debut : debut + 20].apply(pd.to_numeric).to_numpy(float)
            n = len(corps)
            morceaux.append(
                pd.DataFrame(
                    {
                        "code_dep": np.repeat(corps[0].astype(str).to_numpy(), 20),
                        "nom": np.repeat(corps[1].astype(str).to_numpy(), 20),
                        "annee": annee,
                        "sexe": sexe,
                        "age_debut": np.tile(np.arange(0, 100, 5), n),
                        "population": bloc.ravel(),
                    }
                )
            )
    return pd.concat(morceaux, ignore_index=True)


def sommer_groupes(df: pd.DataFrame, cles: list[str], groupes=None) -> pd.DataFrame:
    """Somme une population par âge (colonne ``age`` : âge détaillé ou début de groupe
    quinquennal) dans les groupes nommés ; format long avec une colonne ``groupe``."""
    morceaux = []
    for nom, (a0, a1) in (groupes or GROUPES_FIABILITE).items():
        sel = df[df["age"].between(a0, a1)]
        morceaux.append(sel.groupby(cles, as_index=False)["population"].sum().assign(groupe=nom))
    return pd.concat(morceaux, ignore_index=True)


def donnees_departements(est: pd.DataFrame, annees: list[int]) -> DonneesProjection:
    """Tableaux d'entrée du modèle : départements traités comme des « communes » d'un territoire
    France, groupes quinquennaux éclatés en âges détaillés. Seule construction de ces entrées :
    la rétro-projection (`retro_projeter`) et la validation 2011 → 2021
    (`validation.valider_departements`) l'appellent toutes deux."""
    entree = est[est["annee"].isin(annees)]
    detail = eclater_groupes(
        entree[["code_dep", "annee", "sexe", "age_debut", "population"]],
        cles=["code_dep", "annee", "sexe"],
    ).rename(columns={"code_dep": "code_commune"})
    deps = sorted(entree["code_dep"].unique())
    communes = pd.DataFrame({"code_commune": deps, "code_epci": deps, "code_territoire": "France"})
    return DonneesProjection(population=detail, communes=communes)


def retro_projeter(
    est: pd.DataFrame,
    precedente: int,
    origine: int,
    horizons: tuple[int, ...] = (5, 10),
    n_tirages: int = 100,
    graine: int = 2011,
    reference: ReferenceNationale | None = None,
    parametres: ParametresEstimation | None = None,
    parametres_incertitude=None,
) -> pd.DataFrame:
    """Une fenêtre : projection depuis ``origine`` (données ``precedente`` et ``origine``) jugée à
    chaque horizon publié.

    Returns:
        une ligne par département, année cible et groupe : ``observe``, ``vigie``,
        ``croissance_constante``, ``constante``, bornes 80/95 simulées si ``n_tirages > 0``.
    """
    cibles = [origine + h for h in horizons if origine + h in set(est["annee"])]
    if not cibles:
        raise ValueError(f"origine {origine} : aucune année cible publiée à {horizons} ans.")
    annees = [precedente, origine, *cibles]
    # départements complets toutes les années (Mayotte n'est estimée qu'à partir de 2014, les DOM
    # ont des groupes d'âges vides avant 1990)
    est = est[est["annee"].isin(annees)]
    complets = est.dropna(subset=["population"]).groupby("code_dep")["annee"].nunique()
    incomplets = est[est["population"].isna()]["code_dep"].unique()
    garde = complets[complets == len(annees)].index.difference(incomplets)
    est = est[est["code_dep"].isin(garde)]
    donnees = donnees_departements(est, [precedente, origine])
    modele = estimer_modele(donnees, reference or charger_reference(), parametres)
    res = projeter(
        modele, Scenario("validation", horizon=max(cibles)), intervalles=n_tirages > 0,
        n_tirages=max(n_tirages, 1), graine=graine,
        parametres_incertitude=parametres_incertitude or ParametresIncertitude(calibrage=None),
        groupes_intervalles={k: v for k, v in GROUPES_FIABILITE.items() if k != "Ensemble"},
    )  # fmt: skip
    proj = res.population
    proj = proj[proj["annee"].isin(cibles)].rename(columns={"code_commune": "code_dep"})
    proj = proj.assign(code_dep=proj["code_dep"].astype(str), annee=proj["annee"].astype(int))
    vigie = sommer_groupes(proj, ["code_dep", "annee"]).rename(columns={"population": "vigie"})

    obs = sommer_groupes(est.rename(columns={"age_debut": "age"}), ["code_dep", "annee"])
    pivot = obs.pivot_table(index=["code_dep", "groupe"], columns="annee", values="population")
    morceaux = []
    for cible in cibles:
        morceaux.append(
            pd.DataFrame(
                {
                    "annee": cible,
                    "observe": pivot[cible],
                    "constante": pivot[origine],
                    "croissance_constante": pivot[origine]
                    * (pivot[origine] / pivot[precedente])
                    ** ((cible - origine) / (origine - precedente)),
                }
            ).reset_index()
        )
    table = pd.concat(morceaux, ignore_index=True).merge(vigie, on=["code_dep", "annee", "groupe"])
    if res.intervalles_agreges is not None:
        ia = res.intervalles_agreges
        ia = ia[(ia["niveau"] == "commune") & ia["annee"].isin(cibles)].rename(
            columns={"code": "code_dep", "groupe_age": "groupe"}
        )
        ia = ia.assign(code_dep=ia["code_dep"].astype(str), annee=ia["annee"].astype(int))
        table = table.merge(
            ia[["code_dep", "annee", "groupe", "bas_80", "haut_80", "bas_95", "haut_95"]],
            on=["code_dep", "annee", "groupe"],
            how="left",
        )
    # écart (log) du niveau de fécondité local au niveau national de départ, pour ajuster sa
    # résorption (ajuster_convergence_fecondite)
    niv = modele.niveaux.set_index("code_commune")["facteur_fecondite"]
    ecart = np.log(np.maximum(niv / modele.niveau_fecondite_national, 1e-9))
    table["ecart_fecondite"] = table["code_dep"].map(ecart)
    noms = est.drop_duplicates("code_dep").set_index("code_dep")["nom"]
    table.insert(1, "nom", table["code_dep"].map(noms))
    table.insert(0, "precedente", precedente)
    table.insert(1, "origine", origine)
    table["horizon"] = table["annee"] - origine
    table["fenetre"] = [libelle_fenetre(precedente, origine, c) for c in table["annee"]]
    for m in METHODES:
        table[f"erreur_{m}"] = (table[m] - table["observe"]) / table["observe"] * 100
    return table


def backtest_departements(
    dossier_shared: Path | str,
    fenetres: list[tuple[int, int]] | None = None,
    horizons: tuple[int, ...] = (5, 10),
    n_tirages: int = 100,
    codes: list[str] | None = None,
    parametres: ParametresEstimation | None = None,
    fecondite_nationale: str | None = "derniere",
    convergence_par_fenetre: dict[tuple[int, int], float] | None = None,
    **kw,
) -> pd.DataFrame:
    """Toutes les fenêtres (par défaut ``fenetres_possibles()``) : détail concaténé.

    Args:
        fecondite_nationale: ``"derniere"`` (défaut) : les naissances nationales connues à
            l'origine (série INSEE 000436391) donnent le niveau de chaque année de la fenêtre et
            le niveau de départ est celui de la dernière année connue (origine - 1) ;
            ``"fenetre"`` : niveau de départ = moyenne de la fenêtre ; ``"longue"`` : moyenne de
            toutes les années connues à l'origine (depuis 1975) ; ``None`` : niveau de référence
            constant (méthode d'avant l'issue 19).
        convergence_par_fenetre: ``{(precedente, origine): taux}`` de résorption de l'écart local
            de fécondité propre à chaque fenêtre (jugement hors échantillon, voir
            :func:`convergence_hors_periode`) ; sinon celui de ``parametres``.
    """
    fenetres = fenetres or fenetres_possibles()
    prm = parametres or ParametresEstimation()
    annees = sorted(
        {a for p, o in fenetres for a in (p, o, *(o + h for h in horizons))}
        & set(range(1975, DERNIERE_ANNEE + 1))
    )
    est = lire_departements(Path(dossier_shared) / FICHIER_DEPARTEMENTS, annees)
    niveaux = {}
    if fecondite_nationale is not None:
        naissances = lire_naissances_nationales(dossier_shared)
        niveaux = niveaux_fecondite_nationaux(est, naissances, kw.get("reference"))
    if codes is not None:
        est = est[est["code_dep"].isin(codes)]
    morceaux = []
    for p, o in fenetres:
        prm_f = prm
        if convergence_par_fenetre is not None:
            prm_f = replace(prm, convergence_fecondite_enfants=convergence_par_fenetre[(p, o)])
        connus = {y: v for y, v in niveaux.items() if p <= y < o}
        if connus:
            if fecondite_nationale == "derniere":
                depart = connus[max(connus)]
            elif fecondite_nationale == "longue":
                depart = float(np.mean([v for y, v in niveaux.items() if y < o]))
            else:
                depart = float(np.mean(list(connus.values())))
            prm_f = replace(prm_f, fecondite_nationale=connus, fecondite_depart=depart)
        morceaux.append(
            retro_projeter(est, p, o, horizons, n_tirages=n_tirages, parametres=prm_f, **kw)
        )
    return pd.concat(morceaux, ignore_index=True)


def ajuster_convergence_fecondite(detail: pd.DataFrame, grille: np.ndarray | None = None) -> float:
    """Taux annuel de résorption de l'écart local de fécondité qui explique le mieux le retour
    vers la moyenne observé à 0-4 ans.

    ``detail`` vient d'une rétro-projection à écart constant (taux 0). Dans chaque fenêtre et
    horizon, l'erreur (centrée sur la moyenne des départements : la part nationale n'est pas en
    cause) est comparée à l'écart de fécondité centré ``x`` : résorber l'écart au taux ``r``
    baisse les moins de 5 ans d'environ ``(1 - exp(-r t)) x``, où ``t = horizon - 2,5`` ans est
    l'âge moyen de la projection à leur naissance. Le taux retenu minimise la somme des carrés
    des erreurs ainsi corrigées (grille de 0 à 0,3 par an).
    """
    grille = np.linspace(0.0, 0.3, 121) if grille is None else grille
    d = detail[(detail["groupe"] == "0-4 ans") & detail["ecart_fecondite"].notna()]
    termes = []
    for _, g in d.groupby(["fenetre", "horizon"]):
        e = g["erreur_vigie"].to_numpy() / 100
        x = g["ecart_fecondite"].to_numpy()
        termes.append((e - e.mean(), x - x.mean(), float(g["horizon"].iloc[0]) - 2.5))
    if not termes:
        return 0.0
    sse = [
        sum(float(((e - (1 - np.exp(-r * t)) * x) ** 2).sum()) for e, x, t in termes)
        for r in grille
    ]
    return float(grille[int(np.argmin(sse))])


def convergence_hors_periode(detail: pd.DataFrame, horizon_max: int = 10) -> dict:
    """Taux de résorption de chaque fenêtre, ajusté sur les seules fenêtres dont la période
    (origine → cible) ne recouvre pas la sienne jusqu'à ``horizon_max`` ans (validation croisée
    par blocs, comme :func:`couverture_periodes_exclues`).

    Returns:
        ``{(precedente, origine): taux}``.
    """
    taux = {}
    for (p, o), _ in detail.groupby(["precedente", "origine"]):
        autres = detail[(detail["annee"] <= o) | (detail["origine"] >= o + horizon_max)]
        taux[(int(p), int(o))] = ajuster_convergence_fecondite(autres)
    return taux


def resumer(detail: pd.DataFrame, cles: tuple[str, ...] = ("fenetre", "horizon")) -> pd.DataFrame:
    """Mesures par ``cles``, groupe et méthode (format long).

    Colonnes : ``methode``, ``n``, ``erreur_abs_moyenne``, ``erreur_abs_mediane``,
    ``biais_moyen``, ``erreur_ponderee`` (en %), et pour Vigie ``couverture_80`` et
    ``couverture_95`` (part des départements dans la fourchette) quand les bornes existent.
    """
    lignes = []
    for cle, g in detail.groupby([*cles, "groupe"], sort=False):
        for m in METHODES:
            e = g[f"erreur_{m}"]
            ligne = dict(zip([*cles, "groupe"], cle, strict=True))
            ligne |= {
                "methode": m,
                "n": len(g),
                "erreur_abs_moyenne": e.abs().mean(),
                "erreur_abs_mediane": e.abs().median(),
                "biais_moyen": e.mean(),
                "erreur_ponderee": (g[m] - g["observe"]).abs().sum() / g["observe"].sum() * 100,
            }
            if m == "vigie" and "bas_80" in g and g["bas_80"].notna().any():
                ligne["couverture_80"] = g["observe"].between(g["bas_80"], g["haut_80"]).mean()
                ligne["couverture_95"] = g["observe"].between(g["bas_95"], g["haut_95"]).mean()
            lignes.append(ligne)
    return pd.DataFrame(lignes)


def tableau_comparatif(resume: pd.DataFrame, mesure: str = "erreur_abs_moyenne") -> pd.DataFrame:
    """Une ligne par fenêtre et horizon, une colonne par groupe : « Vigie / croissance / constante »."""
    cles = [c for c in ("fenetre", "horizon") if c in resume]
    piv = resume.pivot_table(index=[*cles, "groupe"], columns="methode", values=mesure)
    texte = piv.apply(lambda r: " / ".join(f"{r[m]:.2f}" for m in METHODES), axis=1)
    t = texte.unstack("groupe")
    return t[[g for g in GROUPES_FIABILITE if g in t.columns]].reset_index()


# --------------------------------------------------------------------------- calage des intervalles
@dataclass
class Calibrage:
    """Erreur systématique relative par groupe d'âges et horizon, ajoutée aux fourchettes simulées.

    ``facteurs`` : colonnes ``groupe``, ``horizon``, ``sigma_80``, ``sigma_95`` (écart type
    relatif de l'erreur de modèle, calé pour que la fourchette à 80 %, resp. 95 %, couvre 80 %,
    resp. 95 %, des cas d'apprentissage), ``n`` (cas).
    """

    facteurs: pd.DataFrame


def _sigma_couvrant(e, demi, z, cible) -> float:
    """Plus petit sigma tel que la part des cas avec |e| <= sqrt(demi² + (z sigma)²) atteigne cible.

    ``e`` et ``demi`` sont relatifs au central. Forme fermée : quantile ``cible`` de
    ``sqrt(max(e² - demi², 0)) / z``.
    """
    besoin = np.sqrt(np.maximum(e**2 - demi**2, 0.0)) / z
    return float(np.quantile(besoin, cible)) if len(besoin) else 0.0


def ajuster_calibrage(detail: pd.DataFrame) -> Calibrage:
    """Sigma 80 % et 95 % par groupe et horizon sur les fenêtres de ``detail`` (bornes simulées
    brutes, sans calage)."""
    d = detail.dropna(subset=["bas_80"])
    lignes = []
    for (g, h), x in d.groupby(["groupe", "horizon"]):
        c = x["vigie"].to_numpy()
        e = (x["observe"].to_numpy() - c) / c
        haut = e >= 0
        ligne = {"groupe": g, "horizon": h, "n": len(x)}
        for niv, cible in (("80", 0.80), ("95", 0.95)):
            demi = np.where(haut, x[f"haut_{niv}"] - c, c - x[f"bas_{niv}"]) / c
            ligne[f"sigma_{niv}"] = _sigma_couvrant(e, demi, Z[niv], cible)
        lignes.append(ligne)
    f = pd.DataFrame(lignes, columns=["groupe", "horizon", "sigma_80", "sigma_95", "n"])
    return Calibrage(f)


def appliquer_calibrage(detail: pd.DataFrame, calibrage: Calibrage) -> pd.DataFrame:
    """Bornes élargies par l'erreur de modèle du même groupe, à l'horizon (interpolation linéaire
    en horizon, nulle à l'horizon 0)."""
    d = detail.copy()
    for g, idx in d.groupby("groupe").groups.items():
        for niv in ("80", "95"):
            sig = sigma_a_horizon(calibrage.facteurs, g, d.loc[idx, "horizon"].to_numpy(), niv)
            d.loc[idx, f"bas_{niv}"], d.loc[idx, f"haut_{niv}"] = elargir(
                d.loc[idx, "vigie"].to_numpy(),
                d.loc[idx, f"bas_{niv}"].to_numpy(),
                d.loc[idx, f"haut_{niv}"].to_numpy(),
                sig,
                Z[niv],
            )
    return d


def _couvertures(detail: pd.DataFrame, apprentissage, minimum_fenetres: int) -> pd.DataFrame:
    """Couvertures brutes et calées de chaque fenêtre, les sigma appris sur
    ``apprentissage(d, origine, cible)`` (les cas admis pour juger cette fenêtre)."""
    lignes = []
    d = detail.dropna(subset=["bas_80"])
    for (fen, origine, horizon), g in d.groupby(["fenetre", "origine", "horizon"]):
        appris = apprentissage(d, origine, origine + horizon)
        n_fen = appris["fenetre"].nunique()
        if n_fen < minimum_fenetres:
            continue
        cale = appliquer_calibrage(g, ajuster_calibrage(appris))
        for groupe, gg in cale.groupby("groupe", sort=False):
            brut = g[g["groupe"] == groupe]
            dans = lambda x, n: x["observe"].between(x[f"bas_{n}"], x[f"haut_{n}"]).mean()  # noqa: E731
            lignes.append(
                {
                    "fenetre": fen,
                    "origine": origine,
                    "horizon": horizon,
                    "groupe": groupe,
                    "fenetres_apprentissage": n_fen,
                    "couverture_80_brute": dans(brut, "80"),
                    "couverture_95_brute": dans(brut, "95"),
                    "couverture_80": dans(gg, "80"),
                    "couverture_95": dans(gg, "95"),
                }
            )
    return pd.DataFrame(lignes)


def couverture_hors_echantillon(detail: pd.DataFrame, minimum_fenetres: int = 2) -> pd.DataFrame:
    """Calage glissant : chaque fenêtre est jugée avec des sigma ajustés sur les seules fenêtres
    dont l'année cible est au plus son origine (information disponible à l'époque).

    Returns:
        une ligne par fenêtre, horizon et groupe : couvertures brutes et calées à 80 % et 95 %,
        nombre de fenêtres d'apprentissage. Les fenêtres sans ``minimum_fenetres`` fenêtres
        d'apprentissage sont écartées.
    """
    return _couvertures(detail, lambda d, o, c: d[d["annee"] <= o], minimum_fenetres)


def couverture_periodes_exclues(detail: pd.DataFrame, minimum_fenetres: int = 2) -> pd.DataFrame:
    """Validation croisée par blocs : chaque fenêtre est jugée avec des sigma ajustés sur toutes
    les fenêtres dont la période (origine → cible) ne recouvre pas la sienne, avant **et après**.

    C'est l'estimation hors échantillon des fourchettes que l'application livre (sigma ajustés
    sur toutes les fenêtres) : une fenêtre ne voit ni ses propres erreurs, ni celles d'une fenêtre
    qui a vécu les mêmes années (même retournement de fécondité, mêmes migrations). Le calage
    glissant (:func:`couverture_hors_echantillon`) juge les fenêtres anciennes sur très peu
    d'apprentissage ; celle-ci sur presque toutes les autres.
    """

    def hors_periode(d: pd.DataFrame, origine: int, cible: int) -> pd.DataFrame:
        return d[(d["annee"] <= origine) | (d["origine"] >= cible)]

    return _couvertures(detail, hors_periode, minimum_fenetres)


def erreur_commune(detail: pd.DataFrame) -> pd.DataFrame:
    """Part de l'erreur de Vigie commune à tous les départements d'une fenêtre.

    Par fenêtre, horizon et groupe : ``biais`` (erreur relative moyenne, en %), ``dispersion``
    (écart type des erreurs autour du biais, en %) et ``part_commune`` = biais² / (biais² +
    dispersion²). Une part commune élevée est une tendance nationale imprévue (fécondité,
    migrations) : tous les départements se trompent ensemble, et aucune largeur apprise sur
    d'autres fenêtres ne peut alors faire couvrir 80 % des départements de celle-ci — la
    fourchette est assez large pour la dispersion entre départements, mais décalée d'un bloc.
    """
    lignes = []
    for (fen, horizon, groupe), g in detail.groupby(["fenetre", "horizon", "groupe"], sort=False):
        e = g["erreur_vigie"].to_numpy(float)
        biais, dispersion = float(np.mean(e)), float(np.std(e))
        total = biais**2 + dispersion**2
        lignes.append(
            {
                "fenetre": fen,
                "horizon": horizon,
                "groupe": groupe,
                "biais": biais,
                "dispersion": dispersion,
                "part_commune": biais**2 / total if total > 0 else 0.0,
            }
        )
    return pd.DataFrame(lignes)


def cases_attendues_dans_la_bande(
    effectifs, niveau: float = 0.80, bas: float = 0.75, haut: float = 0.85
) -> float:
    """Nombre de cases (fenêtre × groupe) dont la couverture tomberait dans [bas, haut] si les
    fourchettes étaient **parfaitement** calibrées et les erreurs des départements indépendantes.

    Avec ``n`` départements, la couverture observée d'une case est ``X / n`` avec ``X`` binomiale
    (n, niveau) : même un modèle parfait sort de la bande 75-85 % une fois sur cinq environ avec
    96 départements. C'est la référence à laquelle comparer le compte des cases dans la bande (les
    erreurs communes à tous les départements, voir :func:`erreur_commune`, l'abaissent encore).

    Args:
        effectifs: nombre de départements de chaque case.
    """
    total = 0.0
    for n in np.asarray(effectifs, dtype=int):
        # bornes entières incluses : bas * n <= X <= haut * n (tolérance d'arrondi flottant)
        k_bas, k_haut = int(np.ceil(bas * n - 1e-9)), int(np.floor(haut * n + 1e-9))
        total += float(binom.cdf(k_haut, n, niveau) - binom.cdf(k_bas - 1, n, niveau))
    return total


# --------------------------------------------------------------------------- fécondité nationale
FICHIERS_NAISSANCES = (
    "births_deaths/naissances_mensuelles_france_metro_000436391_1946-2018.csv",
    "births_deaths/naissances_mensuelles_france_metro_000436391_2018-2025_extrait_vintage2026.csv",
)


def lire_naissances_nationales(dossier_shared: Path | str) -> pd.Series:
    """Naissances vivantes annuelles, France métropolitaine (INSEE, série 000436391), par année.

    Les valeurs définitives (code ``A``) du second fichier remplacent les provisoires du premier.
    """
    mois = {}
    for nom in FICHIERS_NAISSANCES:
        brut = pd.read_csv(Path(dossier_shared) / nom, sep=";", header=None, dtype=str)
        brut = brut[brut[0].str.fullmatch(r"\d{4}-\d{2}", na=False)]
        for periode, valeur in zip(brut[0], pd.to_numeric(brut[1]), strict=True):
            mois[periode] = valeur
    serie = pd.Series(mois)
    annees = serie.index.str[:4].astype(int)
    par_an = serie.groupby(annees).agg(["sum", "size"])
    return par_an.loc[par_an["size"] == 12, "sum"]


def niveaux_fecondite_nationaux(
    est: pd.DataFrame, naissances: pd.Series, reference: ReferenceNationale | None = None
) -> dict[int, float]:
    """Rapport, chaque année, des naissances métropolitaines observées à celles qu'aurait données le
    calendrier de référence appliqué aux femmes de métropole (somme des départements, âges
    détaillés par éclatement, interpolation linéaire entre deux années publiées)."""
    ref = reference or charger_reference()
    metro = est[est["code_dep"].str.len() == 2]
    femmes = (
        metro[metro["sexe"] == 2]
        .groupby(["annee", "age_debut"], as_index=False)["population"]
        .sum()
    )
    detail = eclater_groupes(femmes, cles=["annee"])
    tab = detail.pivot_table(index="annee", columns="age", values="population")
    annees = sorted(tab.index)
    niveaux = {}
    for y0, y1 in zip(annees[:-1], annees[1:], strict=True):
        for y in range(y0, y1):
            w = (y - y0) / (y1 - y0)
            f = (1 - w) * tab.loc[y0].to_numpy() + w * tab.loc[y1].to_numpy()
            attendu = float((f * ref.fecondite_cohorte).sum())
            if y in naissances.index and attendu > 0:
                niveaux[y] = float(naissances[y]) / attendu
    return niveaux
