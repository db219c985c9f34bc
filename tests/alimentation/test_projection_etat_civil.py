"""Du fichier officiel au modèle (issue 14, point 3) : les naissances et décès des séries
historiques du recensement (``base-cc-serie-historique``, colonnes NAIS1521, DECE1521… dans
l'ordre publié) et de l'état civil communal passent, par l'importeur et la requête
``projection_entree_etat_civil``, dans les entrées de la projection ; le facteur de fécondité
de la commune suit ses naissances."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from models.projection import DonneesProjection, charger_reference, estimer_modele
from vigie.alimentation.importation import formats
from vigie.stockage import base

REFERENCE = charger_reference()


def _population(totaux: dict[str, dict[int, float]]) -> pd.DataFrame:
    """Population par sexe et âge : structure stationnaire de la table nationale, ramenée au
    total de la commune chaque année (les séries historiques n'ont pas de détail par âge)."""
    survie = np.cumprod(np.r_[1.0, 1 - REFERENCE.q_cohorte[:, :-1].mean(axis=0)])
    forme = np.stack([survie, survie]) / (2 * survie.sum())
    lignes = []
    for code, par_annee in totaux.items():
        for annee, total in par_annee.items():
            for s in (1, 2):
                for a in range(101):
                    lignes.append((code, annee, s, a, total * forme[s - 1, a]))
    return pd.DataFrame(lignes, columns=["code_commune", "annee", "sexe", "age", "population"])


def _entrees(fixture, facteur_naissances: float = 1.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    historique = formats.lire(fixture("base-cc-serie-historique-2021-complet.CSV"))
    periode = historique.tables["etat_civil_periode"].drop(columns="_ligne")
    periode["naissances"] = periode["naissances"] * facteur_naissances
    legales = historique.tables["population_legale"].set_index(["code_commune", "annee"])
    pop = _population(
        {
            c: {a: float(legales.loc[(c, a), "population_municipale"]) for a in (2015, 2021)}
            for c in ("29151", "29199")
        }
    )
    annuel = formats.lire(fixture("DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv"))
    con = duckdb.connect()
    con.register("etat_civil_periode", periode)
    con.register("etat_civil_commune", annuel.tables["etat_civil_commune"].drop(columns="_ligne"))
    con.register("population", pop)
    return pop, base.requete(con, "projection_entree_etat_civil")


def test_periodes_et_annees_dans_les_entrees(fixture):
    _, ec = _entrees(fixture)
    morlaix = ec[ec["code_commune"] == "29151"].set_index(["annee_debut", "annee_fin"])
    # NAIS1521 / DECE1521 : du 1er janvier 2015 au 1er janvier 2021, total de la période
    assert morlaix.loc[(2015, 2021), ["naissances", "deces"]].tolist() == [1020.0, 1080.0]
    assert morlaix.loc[(1968, 1975), "naissances"] == 1900.0
    # état civil communal : une année = période annee -> annee + 1
    assert morlaix.loc[(2022, 2023), "naissances"] == 131.0
    # commune sans population (Le Ponthou, fusionnée) : pas d'entrée
    assert "29219" not in set(ec["code_commune"])


def test_le_facteur_de_fecondite_suit_les_naissances_locales(fixture):
    communes = pd.DataFrame({"code_commune": ["29151", "29199"], "code_epci": ["242900835"] * 2})
    niveaux = {}
    for facteur in (0.8, 1.0, 1.25):
        pop, ec = _entrees(fixture, facteur)
        m = estimer_modele(DonneesProjection(pop, communes, etat_civil=ec), REFERENCE)
        niveaux[facteur] = m.niveaux.set_index("code_commune")
        assert set(m.niveaux["source_fecondite"]) == {"naissances"}
        assert "deces_absents" not in set(m.alertes["type"])
    f = {k: v["facteur_fecondite"] for k, v in niveaux.items()}
    assert (f[0.8] < f[1.0]).all() and (f[1.0] < f[1.25]).all()
    # naissances observées : moyenne annuelle de NAIS1521 sur les 6 années de la fenêtre
    assert niveaux[1.0].loc["29151", "naissances_observees"] == 1020.0
    # décès de DECE1521 : l'ICM de Morlaix (1 080 décès en 6 ans pour ~15 000 habitants) est lu
    assert niveaux[1.0].loc["29151", "deces_observes"] == 1080.0
    assert niveaux[1.0].loc["29151", "poids_icm_local"] > 0.5
