"""Projection d'un territoire sous un scénario : chemin central, composantes, diagnostics.

Usage :

    modele = estimer_modele(donnees)            # une fois (taux locaux, quelques dixièmes de s)
    res = projeter(modele, Scenario())          # chemin central, < 0,1 s pour 60 communes
    res = projeter(modele, scenario, intervalles=True)   # + intervalles 80 % et 95 % simulés
    res.population                              # format long du modèle de données
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .groupes import GROUPES_SERVICES
from .incertitude import simuler_intervalles
from .moteur import pas_annuel
from .reference import N_AGES
from .scenario import ErreurScenario, Scenario
from .taux import ModeleProjection, intensites, quotients_nationaux

COLONNES_POPULATION = [
    "scenario", "code_commune", "annee", "sexe", "age",
    "population", "bas_80", "haut_80", "bas_95", "haut_95",
]  # fmt: skip
COLONNES_BORNES = ["bas_80", "haut_80", "bas_95", "haut_95"]


@dataclass
class Trajectoires:
    """Hypothèses année par année (t = annee_base .. horizon - 1) d'un scénario sur un modèle."""

    annees: np.ndarray  # années de départ des pas
    q: np.ndarray  # (T, C, 2, 101)
    q_naiss: np.ndarray  # (T, C, 2)
    f: np.ndarray  # (T, C, 101)
    m: np.ndarray  # (C, 2, 101)
    m_naiss: np.ndarray  # (C, 2)
    arrivees: np.ndarray  # (T, C, 2, 101)
    part_garcons: float
    intensite: np.ndarray


def trajectoires(modele: ModeleProjection, scenario: Scenario) -> Trajectoires:
    """Traduit un scénario en taux annuels pour chaque commune (partie commune aux deux chemins)."""
    scenario.valider(modele.annee_base)
    ref = modele.reference
    annees = np.arange(modele.annee_base, scenario.horizon)
    T, C = len(annees), modele.n_communes
    inten = intensites(ref, scenario.esperance_vie)
    q = np.empty((T, C, 2, N_AGES))
    qn = np.empty((T, C, 2))
    for i, t in enumerate(annees):
        qt, qnt = quotients_nationaux(ref, int(t), inten)
        q[i] = np.minimum(qt[None] * modele.icm[:, None, None], 1.0)
        qn[i] = np.minimum(qnt[None] * modele.icm[:, None], 1.0)

    # fécondité : niveau local observé, décalé selon le scénario (montée linéaire sur 5 ans)
    icf_local = modele.facteur_fecondite * ref.icf
    if scenario.icf_cible is not None:
        femmes = modele.population_base[:, 1, 15:50].sum(axis=1)
        icf_terr = float((icf_local * femmes).sum() / max(femmes.sum(), 1e-9))
        rapport_final = np.full(C, scenario.icf_cible / icf_terr)
    else:
        rapport_final = np.maximum(icf_local + scenario.fecondite_ecart, 0.0) / np.maximum(
            icf_local, 1e-9
        )
    rampe = np.minimum(1.0, (np.arange(T) + 1) / 5.0)
    rapport = 1.0 + rampe[:, None] * (rapport_final[None, :] - 1.0)  # (T, C)
    f = ref.fecondite_cohorte[None, None, :] * (modele.facteurs_fecondite(T) * rapport)[:, :, None]

    mult = scenario.migration_multiplicateur
    arrivees = np.zeros((T, C, 2, N_AGES))
    index = {c: i for i, c in enumerate(modele.codes)}
    for k, prog in enumerate(scenario.programmes_logement):
        ci = index.get(str(prog.code_commune))
        if ci is None:
            raise ErreurScenario(
                f"programmes_logement[{k}].code_commune : commune {prog.code_commune} absente du territoire projeté."
            )
        pers = prog.personnes_par_logement or ref.parametre("personnes_par_logement")
        if prog.profil_age:
            profil = np.zeros((2, N_AGES))
            for a, v in prog.profil_age.items():
                profil[:, int(a)] += v / 2
            profil /= profil.sum()
        else:
            profil = ref.profil_logement
        actif = (annees >= prog.annee_debut) & (annees <= prog.annee_fin)
        arrivees[actif, ci] += prog.logements_par_an * pers * profil
    return Trajectoires(
        annees=annees, q=q, q_naiss=qn, f=f, m=modele.migration * mult,
        m_naiss=modele.migration_naissance * mult, arrivees=arrivees,
        part_garcons=ref.parametre("part_garcons"), intensite=inten,
    )  # fmt: skip


@dataclass
class ResultatProjection:
    """Résultat d'une projection.

    Attributes:
        scenario: le scénario projeté.
        modele: le modèle estimé (taux, niveaux mutualisés, alertes d'estimation).
        annees: années au 1er janvier, de l'année de base à l'horizon.
        cube: populations (annees, C, 2, 101) du chemin central.
        naissances, deces, migrations, arrivees_logement, negatifs: composantes (annees - 1, C) de
            chaque année (événements pendant ``annee``).
        bornes: ``{"bas_80": cube, ...}`` si les intervalles ont été simulés, sinon ``None``.
        intervalles_agreges: intervalles des totaux (commune, EPCI, territoire × groupes d'âges).
        methode_intervalles: description de la méthode d'incertitude utilisée.
    """

    scenario: Scenario
    modele: ModeleProjection
    annees: np.ndarray
    cube: np.ndarray
    naissances: np.ndarray
    deces: np.ndarray
    migrations: np.ndarray
    arrivees_logement: np.ndarray
    negatifs: np.ndarray
    bornes: dict | None = None
    intervalles_agreges: pd.DataFrame | None = None
    methode_intervalles: str = ""
    infos: dict = field(default_factory=dict)

    @cached_property
    def population(self) -> pd.DataFrame:
        """Format long : scenario, code_commune, annee, sexe, age, population, bas/haut 80 et 95.

        L'année de base est la population observée (bornes égales à la valeur). Sans simulation,
        les bornes sont vides (NaN)."""
        A, C = len(self.annees), self.modele.n_communes
        n = A * C * 2 * N_AGES
        df = pd.DataFrame(
            {
                "scenario": pd.Categorical([self.scenario.nom] * 1).repeat(n),
                "code_commune": pd.Categorical(
                    np.tile(np.repeat(self.modele.codes, 2 * N_AGES), A)
                ),
                "annee": np.repeat(self.annees.astype(np.int16), C * 2 * N_AGES),
                "sexe": np.tile(np.repeat(np.array([1, 2], np.int8), N_AGES), A * C),
                "age": np.tile(np.arange(N_AGES, dtype=np.int16), A * C * 2),
                "population": self.cube.ravel(),
            }
        )
        for b in COLONNES_BORNES:
            df[b] = self.bornes[b].ravel() if self.bornes is not None else np.nan
        return df

    @cached_property
    def composantes(self) -> pd.DataFrame:
        """Composantes par commune et année (événements de l'année ``annee``)."""
        T, C = self.naissances.shape
        return pd.DataFrame(
            {
                "scenario": self.scenario.nom,
                "code_commune": np.tile(self.modele.codes, T),
                "annee": np.repeat(self.annees[:-1], C),
                "naissances": self.naissances.ravel(),
                "deces": self.deces.ravel(),
                "solde_migratoire": self.migrations.ravel(),
                "arrivees_logement": self.arrivees_logement.ravel(),
            }
        )

    @property
    def diagnostics(self) -> dict:
        """Alertes (estimation et projection), niveaux mutualisés, taux retenus, hypothèses."""
        al = [self.modele.alertes]
        T, C = self.negatifs.shape
        ti, ci = np.nonzero(self.negatifs)
        if len(ti):
            al.append(
                pd.DataFrame(
                    {
                        "code_commune": self.modele.codes[ci],
                        "annee": self.annees[ti + 1],
                        "type": "population_negative_ramenee_a_zero",
                        "message": [
                            f"{int(self.negatifs[t, c])} cellule(s) sexe × âge négative(s) ramenée(s) à 0."
                            for t, c in zip(ti, ci, strict=True)
                        ],
                    }
                )
            )
        return {
            "alertes": pd.concat(al, ignore_index=True),
            "niveaux": self.modele.niveaux,
            "taux": self.modele.taux(),
            "fenetre_estimation": self.modele.annees_fenetre,
            "intensite_baisse_mortalite": dict(
                zip(("hommes", "femmes"), self.infos.get("intensite", []), strict=False)
            ),
            "methode_intervalles": self.methode_intervalles,
        }


def chemin_central(modele: ModeleProjection, traj: Trajectoires):
    """Déroule les pas annuels sans aléa ; renvoie (cube, naissances, deces, migrations, negatifs)."""
    T, C = len(traj.annees), modele.n_communes
    cube = np.empty((T + 1, C, 2, N_AGES))
    cube[0] = modele.population_base
    comp = np.zeros((4, T, C))
    neg = np.zeros((T, C), int)
    for i in range(T):
        cube[i + 1], comp[0, i], comp[1, i], comp[2, i], neg[i] = pas_annuel(
            cube[i], traj.q[i], traj.f[i], traj.m, traj.m_naiss, traj.q_naiss[i],
            traj.part_garcons, traj.arrivees[i],
        )  # fmt: skip
    return cube, comp, neg


def projeter(
    modele: ModeleProjection,
    scenario: Scenario | None = None,
    intervalles: bool = False,
    n_tirages: int = 200,
    graine: int = 0,
    parametres_incertitude=None,
    groupes_intervalles: dict[str, tuple[int, int]] | None = None,
) -> ResultatProjection:
    """Projette le territoire sous un scénario.

    Args:
        modele: taux estimés (``estimer_modele``).
        scenario: hypothèses ; par défaut le scénario central à 2050.
        intervalles: simuler aussi les intervalles 80 % et 95 % (module ``incertitude``).
        n_tirages: nombre de trajectoires simulées.
        graine: graine du générateur aléatoire (résultats reproductibles).
        parametres_incertitude: ``incertitude.ParametresIncertitude`` (dispersion des aléas).
        groupes_intervalles: groupes d'âges des intervalles agrégés (``GROUPES_SERVICES`` par
            défaut, plus « Ensemble » toujours).

    Returns:
        ``ResultatProjection``.

    Raises:
        ErreurScenario: hypothèse impossible (message français nommant le paramètre).
    """
    scenario = scenario or Scenario()
    traj = trajectoires(modele, scenario)
    cube, comp, neg = chemin_central(modele, traj)
    res = ResultatProjection(
        scenario=scenario,
        modele=modele,
        annees=np.arange(modele.annee_base, scenario.horizon + 1),
        cube=cube,
        naissances=comp[0],
        deces=comp[1],
        migrations=comp[2],
        arrivees_logement=traj.arrivees.sum(axis=(2, 3)),
        negatifs=neg,
        infos={"intensite": traj.intensite.tolist()},
    )
    if intervalles:
        simuler_intervalles(
            res, traj, n_tirages=n_tirages, graine=graine, parametres=parametres_incertitude,
            groupes_age=groupes_intervalles,
        )  # fmt: skip
    return res


def projeter_scenarios(
    modele: ModeleProjection, scenarios: list[Scenario], **kw
) -> dict[str, ResultatProjection]:
    """Projette plusieurs scénarios sur le même modèle ; ``{nom: résultat}``."""
    return {s.nom: projeter(modele, s, **kw) for s in scenarios}


# --------------------------------------------------------------------------- agrégations


def agreger(df: pd.DataFrame, communes: pd.DataFrame, niveau: str = "code_epci") -> pd.DataFrame:
    """Somme les valeurs centrales de communes à un niveau supérieur (``code_epci`` ou
    ``code_territoire``). Les bornes d'intervalle ne s'additionnent pas : elles sont retirées (voir
    ``ResultatProjection.intervalles_agreges`` pour les intervalles des agrégats).
    """
    if niveau not in ("code_epci", "code_territoire"):
        raise ValueError(f"niveau : 'code_epci' ou 'code_territoire' attendu, reçu {niveau!r}.")
    com = communes[["code_commune", niveau]].astype(str) if niveau in communes else None
    if com is None:
        com = communes[["code_commune"]].astype(str).assign(code_territoire="territoire")
    d = df.drop(columns=[c for c in COLONNES_BORNES if c in df.columns])
    d = d.assign(code_commune=d["code_commune"].astype(str)).merge(
        com, on="code_commune", how="left"
    )
    cles = [c for c in ["scenario", niveau, "annee", "sexe", "age"] if c in d.columns]
    return d.groupby(cles, as_index=False, observed=True)["population"].sum()


def par_groupes_age(
    df: pd.DataFrame, groupes: dict[str, tuple[int, int]] | None = None
) -> pd.DataFrame:
    """Regroupe les âges détaillés en groupes nommés (par défaut ``GROUPES_SERVICES`` plus
    « Ensemble ») ; les groupes peuvent se chevaucher (75+ et 85+). Bornes retirées."""
    groupes = groupes or GROUPES_SERVICES
    d = df.drop(columns=[c for c in COLONNES_BORNES if c in df.columns])
    cles = [c for c in d.columns if c not in ("age", "population", "sexe")]
    morceaux = [
        d.groupby(cles, as_index=False, observed=True)["population"]
        .sum()
        .assign(groupe_age="Ensemble")
    ]
    for nom, (a0, a1) in groupes.items():
        sel = d[(d["age"] >= a0) & (d["age"] <= a1)]
        morceaux.append(
            sel.groupby(cles, as_index=False, observed=True)["population"]
            .sum()
            .assign(groupe_age=nom)
        )
    return pd.concat(morceaux, ignore_index=True)
