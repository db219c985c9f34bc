"""Paramètres nationaux de référence (INSEE) : extraction depuis les fichiers publiés et chargement.

Les CSV de ``data/reference/`` sont de petits extraits dérivés des fichiers INSEE (voir
``data/reference/README.md`` pour l'éditeur, le fichier, le millésime et la licence). Ce module
sait les recalculer depuis les fichiers officiels (``extraire_reference``), ce qui sert au test de
concordance, et les charger dans un objet ``ReferenceNationale`` au format du moteur.

Conventions d'âge :
- fichiers INSEE de projection : « âge atteint dans l'année » x (génération née en N - x) ;
- quotients d'état civil (fe_dod) : quotient entre les âges exacts x et x + 1 ;
- moteur Vigie : âge révolu au 1er janvier a (0..100, 100 = 100 ans et plus). Une personne d'âge a au
  1er janvier atteint a + 1 dans l'année, d'où ``quotient_cohorte(a) ≈ (q(a) + q(a + 1)) / 2`` et
  ``fecondite_cohorte(a) = f_atteint(a + 1)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

N_AGES = 101  # 0..100, 100 = 100 ans et plus
DOSSIER_REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"

# Fichiers INSEE d'origine, relatifs à ../shared/data
FICHIER_QUOTIENTS = "mortality_fertility_projections/fe_dod_quotients_mortalite.xlsx"
FICHIER_PROJECTION = "mortality_fertility_projections/irsocprojpop1370_FECcentESPcentMIGcent.xls"
ANNEES_QUOTIENTS = range(2010, 2021)
ANNEE_FECONDITE = 2020  # hypothèse centrale de la projection 2013-2070 (ICF 1,95, forme par âge)


def _lire_quotients_etat_civil(chemin: Path) -> pd.DataFrame:
    """Quotients de mortalité par sexe et âge exact (0..100), pour 1 (et non 100 000)."""
    morceaux = []
    for feuille, sexe in (("qmorth", 1), ("qmortf", 2)):
        brut = pd.read_excel(chemin, sheet_name=feuille, header=None, engine="calamine")
        entete = brut.iloc[4].tolist()
        assert str(entete[0]).startswith("Ann"), "en-tête inattendu dans " + feuille
        lignes = brut.iloc[5:]
        lignes = lignes[pd.to_numeric(lignes[0], errors="coerce").notna()]
        for _, ligne in lignes.iterrows():
            annee = int(ligne[0])
            if annee not in ANNEES_QUOTIENTS:
                continue
            q = pd.to_numeric(ligne.iloc[1:102]).to_numpy(float) / 100_000
            morceaux.append(
                pd.DataFrame(
                    {"annee": annee, "sexe": sexe, "age": np.arange(N_AGES), "quotient": q}
                )
            )
    return pd.concat(morceaux, ignore_index=True)


def _lire_feuille_projection(chemin: Path, feuille: str) -> pd.DataFrame:
    brut = pd.read_excel(chemin, sheet_name=feuille, header=None, engine="calamine")
    annees = [int(v) for v in brut.iloc[4, 1:].tolist()]
    corps = brut.iloc[5:].copy()
    corps = corps[pd.to_numeric(corps[0], errors="coerce").notna()]
    corps.index = corps[0].astype(int)
    corps = corps.iloc[:, 1:].apply(pd.to_numeric)
    corps.columns = annees
    return corps


def extraire_reference(dossier_shared: Path) -> dict[str, pd.DataFrame]:
    """Recalcule les tables de référence depuis les fichiers INSEE publiés.

    Args:
        dossier_shared: le dossier ``shared/data`` contenant ``mortality_fertility_projections``.

    Returns:
        ``{"quotients_mortalite": ..., "fecondite": ..., "amelioration_mortalite": ...}``, les
        trois tables écrites dans ``data/reference/`` (hors commentaires d'en-tête).
    """
    dossier_shared = Path(dossier_shared)
    quotients = _lire_quotients_etat_civil(dossier_shared / FICHIER_QUOTIENTS)

    proj = dossier_shared / FICHIER_PROJECTION
    fec = _lire_feuille_projection(proj, "Hyp_fecondite")[ANNEE_FECONDITE]
    fecondite = pd.DataFrame(
        {"age_atteint": fec.index.astype(int), "taux": fec.to_numpy(float) / 10_000}
    )

    # Amélioration annuelle de la mortalité : baisse moyenne du log-quotient 2020 -> 2070 dans
    # l'hypothèse centrale de la projection INSEE 2013-2070 (âge atteint 0..101).
    morceaux = []
    for feuille, sexe in (("hyp_mortaliteH", 1), ("hyp_mortaliteF", 2)):
        q = _lire_feuille_projection(proj, feuille)
        q = q.loc[0:101]
        taux = -(np.log(q[2070]) - np.log(q[2020])) / 50.0
        morceaux.append(
            pd.DataFrame(
                {
                    "sexe": sexe,
                    "age_atteint": q.index.astype(int),
                    "taux_baisse_annuel": taux.to_numpy(float).round(6),
                }
            )
        )
    amelioration = pd.concat(morceaux, ignore_index=True)
    return {
        "quotients_mortalite": quotients,
        "fecondite": fecondite,
        "amelioration_mortalite": amelioration,
    }


def _lire_csv(chemin: Path) -> pd.DataFrame:
    return pd.read_csv(chemin, comment="#")


def ecrire_reference(dossier_shared: Path, dossier_sortie: Path = DOSSIER_REFERENCE) -> None:
    """Écrit les CSV de référence (avec un en-tête de provenance en commentaires)."""
    tables = extraire_reference(dossier_shared)
    entetes = {
        "quotients_mortalite": (
            "# Quotients de mortalité (probabilité de décéder entre les âges exacts x et x+1), "
            "France entière, par sexe (1 hommes, 2 femmes), 2010-2020.\n"
            "# Source : INSEE, statistiques de l'état civil et estimations de population, "
            "fichier fe_dod_quotients_mortalite.xlsx (insee.fr/fr/statistiques/6036439, "
            "téléchargé 2022-04), feuilles qmorth/qmortf, divisés par 100 000. "
            "2018-2020 provisoires. Licence Ouverte / Etalab.\n"
        ),
        "fecondite": (
            "# Taux de fécondité par âge atteint dans l'année (naissances par femme), 15-50 ans, "
            f"hypothèse centrale {ANNEE_FECONDITE} (ICF 1,95).\n"
            "# Source : INSEE, Projections de population 2013-2070 pour la France, "
            "irsocprojpop1370_FECcentESPcentMIGcent.xls, feuille Hyp_fecondite "
            "(insee.fr/fr/statistiques/2496793), divisés par 10 000. Licence Ouverte / Etalab.\n"
            "# Vigie n'en utilise que la FORME par âge : le niveau est recalé sur les naissances "
            "observées du territoire.\n"
        ),
        "amelioration_mortalite": (
            "# Baisse annuelle moyenne du logarithme des quotients de mortalité, 2020-2070, "
            "par sexe et âge atteint dans l'année : -(ln q2070 - ln q2020) / 50.\n"
            "# Source : INSEE, Projections de population 2013-2070, hypothèse centrale, "
            "irsocprojpop1370_FECcentESPcentMIGcent.xls, feuilles hyp_mortaliteH/F. "
            "Licence Ouverte / Etalab.\n"
            "# Vigie en garde la forme par âge ; l'intensité est recalée sur les espérances de vie "
            "2070 de parametres_nationaux.csv.\n"
        ),
    }
    dossier_sortie.mkdir(parents=True, exist_ok=True)
    for nom, table in tables.items():
        with open(dossier_sortie / f"{nom}.csv", "w", encoding="utf-8", newline="") as f:
            f.write(entetes[nom])
            table.to_csv(f, index=False, lineterminator="\n")


def _esperance_vie(q_exact: np.ndarray) -> float:
    """Espérance de vie à la naissance à partir de quotients aux âges exacts 0..100 (100+ ouvert)."""
    q = np.clip(q_exact, 0.0, 1.0)
    survivants = np.concatenate([[1.0], np.cumprod(1.0 - q[:-1])])
    # années vécues : moitié d'année pour les décès de l'année ; groupe ouvert l100 / m100
    vecues = survivants[:-1] * (1.0 - 0.5 * q[:-1])
    m_ouvert = max(q[-1], 1e-6) / (1.0 - 0.5 * max(q[-1], 1e-6))
    return float(vecues.sum() + survivants[-1] / m_ouvert)


@dataclass(frozen=True)
class ReferenceNationale:
    """Paramètres nationaux au format du moteur (âge au 1er janvier, 0..100).

    Attributes:
        annee_base: année des quotients de base.
        q_exact: quotients aux âges exacts, forme (2, 101) (sexe 1, 2).
        baisse_atteint: baisse annuelle du log-quotient par âge atteint 0..101, forme (2, 102).
        fecondite_atteint: taux de fécondité par âge atteint 0..101, forme (102,).
        parametres: table ``parametres_nationaux.csv`` indexée par ``parametre``.
        profil_logement: part des nouveaux arrivants par sexe et âge, forme (2, 101), somme 1.
    """

    annee_base: int
    q_exact: np.ndarray
    baisse_atteint: np.ndarray
    fecondite_atteint: np.ndarray
    parametres: pd.Series
    profil_logement: np.ndarray
    sources: dict = field(default_factory=dict)

    def parametre(self, nom: str) -> float:
        return float(self.parametres[nom])

    @cached_property
    def q_cohorte(self) -> np.ndarray:
        """Quotient de l'année pour l'âge a au 1er janvier : (q(a) + q(a+1)) / 2, forme (2, 101)."""
        q = self.q_exact
        qc = np.empty_like(q)
        qc[:, :-1] = 0.5 * (q[:, :-1] + q[:, 1:])
        qc[:, -1] = q[:, -1]
        return qc

    @cached_property
    def q_naissance(self) -> np.ndarray:
        """Quotient des nés de l'année avant le 1er janvier suivant, forme (2,)."""
        return self.q_exact[:, 0] * self.parametre("part_mortalite_infantile_annee_naissance")

    @cached_property
    def baisse_cohorte(self) -> np.ndarray:
        """Baisse annuelle du log-quotient, âge au 1er janvier a -> âge atteint a + 1, (2, 101)."""
        return self.baisse_atteint[:, 1:]

    @cached_property
    def fecondite_cohorte(self) -> np.ndarray:
        """Taux de fécondité des femmes d'âge a au 1er janvier (âge atteint a + 1), (101,)."""
        return self.fecondite_atteint[1:]

    @property
    def icf(self) -> float:
        return float(self.fecondite_atteint.sum())

    def esperance_vie(self, sexe: int, annee: int, intensite: float = 1.0) -> float:
        """Espérance de vie à la naissance projetée (quotients de base × baisse × intensité)."""
        s = sexe - 1
        t = annee - self.annee_base
        q = self.q_exact[s] * np.exp(-intensite * self.baisse_atteint[s, :N_AGES] * t)
        return _esperance_vie(q)

    def intensite_pour(self, sexe: int, annee: int, cible: float) -> float:
        """Intensité de la baisse de mortalité qui donne l'espérance de vie ``cible`` en ``annee``."""
        bas, haut = -2.0, 6.0
        for _ in range(50):
            milieu = 0.5 * (bas + haut)
            if self.esperance_vie(sexe, annee, milieu) < cible:
                bas = milieu
            else:
                haut = milieu
        return 0.5 * (bas + haut)


def charger_reference(
    dossier: Path | str | None = None, annee_base: int = 2019
) -> ReferenceNationale:
    """Charge les paramètres nationaux depuis ``data/reference`` (ou ``dossier``).

    Args:
        dossier: dossier des CSV ; par défaut ``<dépôt>/data/reference``.
        annee_base: année des quotients de mortalité de base. 2019 par défaut : dernière année
            avant la surmortalité de 2020 (Covid-19, et 2020 encore provisoire dans le fichier).

    Raises:
        ValueError: si l'année demandée n'est pas dans le fichier (message en français).
    """
    d = Path(dossier) if dossier is not None else DOSSIER_REFERENCE
    qm = _lire_csv(d / "quotients_mortalite.csv")
    if annee_base not in set(qm["annee"]):
        raise ValueError(
            f"annee_base : {annee_base} absente de quotients_mortalite.csv "
            f"(années disponibles {qm['annee'].min()}-{qm['annee'].max()})."
        )
    q = np.zeros((2, N_AGES))
    base = qm[qm["annee"] == annee_base]
    for s in (1, 2):
        q[s - 1] = base[base["sexe"] == s].sort_values("age")["quotient"].to_numpy()

    am = _lire_csv(d / "amelioration_mortalite.csv")
    baisse = np.zeros((2, 102))
    for s in (1, 2):
        ligne = am[am["sexe"] == s].set_index("age_atteint")["taux_baisse_annuel"]
        baisse[s - 1] = ligne.reindex(range(102)).ffill().to_numpy()

    fe = _lire_csv(d / "fecondite.csv").set_index("age_atteint")["taux"]
    fec = fe.reindex(range(102), fill_value=0.0).to_numpy(float)

    params = _lire_csv(d / "parametres_nationaux.csv").set_index("parametre")["valeur"]

    pr = _lire_csv(d / "profil_nouveaux_arrivants.csv")
    profil = np.zeros((2, N_AGES))
    for s in (1, 2):
        p = pr[pr["sexe"] == s].set_index("age")["part"]
        profil[s - 1] = p.reindex(range(N_AGES), fill_value=0.0).to_numpy()
    profil = profil / profil.sum()

    return ReferenceNationale(
        annee_base=annee_base,
        q_exact=q,
        baisse_atteint=baisse,
        fecondite_atteint=fec,
        parametres=params.astype(float),
        profil_logement=profil,
        sources={"dossier": str(d)},
    )
