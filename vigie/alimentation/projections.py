"""Population projections between the store and `models.projection`.

Reads the census, births and deaths from the database into the model's input tables, estimates
the local rates once, projects the standard scenarios (central with simulated 80 % and 95 %
intervals) and writes the results tables at build time. The app reuses `modele_depuis_base` to
recompute a user's scenario live (the estimation is the slow part; a projection takes
milliseconds).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import duckdb
import pandas as pd

from models.projection import (
    DonneesProjection,
    ModeleProjection,
    ResultatProjection,
    Scenario,
    charger_reference,
    estimer_modele,
    projeter,
    scenarios_standard,
)
from models.projection import backtest as retro
from vigie.alimentation import estimation
from vigie.stockage import base

HORIZON_CALCUL = 2070  # the standard scenarios are stored to the furthest horizon offered
TIRAGES = 200  # simulated trajectories for the intervals of the central scenario
GRAINE = 20261125  # fixed: a rebuild gives the same intervals


def donnees_depuis_base(con: duckdb.DuckDBPyConnection) -> DonneesProjection:
    """The model's input tables, read from the database by named queries."""
    return DonneesProjection(
        population=base.requete(con, "projection_entree_population"),
        communes=base.requete(con, "projection_entree_communes"),
        naissances=base.requete(con, "projection_entree_naissances"),
        deces=base.requete(con, "projection_entree_deces"),
    )


def modele_depuis_base(con: duckdb.DuckDBPyConnection) -> ModeleProjection:
    """Estimate the local rates (mortality, fertility, migration) from the stored data."""
    return estimer_modele(donnees_depuis_base(con), charger_reference())


def _ecrire_resultat(
    con: duckdb.DuckDBPyConnection,
    id_calcul: int,
    resultat: ResultatProjection,
    avec_scenario: bool = True,
) -> None:
    population = resultat.population
    population = population[population["annee"] > population["annee"].min()]  # base year = census
    con.register("_projection", population)
    con.execute(
        "insert into projection_population select $id, scenario::text, code_commune::text, annee,"
        " sexe, age, population, bas_80, haut_80, bas_95, haut_95 from _projection",
        {"id": id_calcul},
    )
    con.unregister("_projection")
    con.register("_composantes", resultat.composantes)
    con.execute(
        "insert into projection_composante select $id, scenario, code_commune, annee, naissances,"
        " deces, solde_migratoire, arrivees_logement from _composantes",
        {"id": id_calcul},
    )
    con.unregister("_composantes")
    if resultat.intervalles_agreges is not None:
        intervalles = resultat.intervalles_agreges.assign(scenario=resultat.scenario.nom)
        con.register("_intervalles", intervalles)
        con.execute(
            "insert into projection_intervalle select $id, scenario, niveau, code, annee,"
            " groupe_age, population, bas_80, haut_80, bas_95, haut_95 from _intervalles",
            {"id": id_calcul},
        )
        con.unregister("_intervalles")
    if not avec_scenario:  # another group of communes of the same scenario already wrote it
        return
    con.execute(
        "insert into projection_scenario values ($id, $nom, $libelle, $json, $methode)",
        {
            "id": id_calcul,
            "nom": resultat.scenario.nom,
            "libelle": resultat.scenario.libelle or resultat.scenario.nom,
            "json": resultat.scenario.to_json(),
            "methode": resultat.methode_intervalles or None,
        },
    )


def _ecrire_backtest(
    con: duckdb.DuckDBPyConnection, id_calcul: int, donnees: DonneesProjection
) -> None:
    annees = sorted(donnees.population["annee"].unique())
    derniere = annees[-1]
    origine = derniere - 10 if derniere - 10 in annees else annees[0]
    cibles = [a for a in (origine + 5, origine + 10) if a in annees]
    if not cibles:
        return
    resultat = retro.backtest(donnees, origine, cibles, n_tirages=100, graine=GRAINE)
    detail = resultat.erreurs.assign(annee_origine=origine)
    global_ = resultat.couverture.assign(
        annee_origine=origine, groupe_age="toutes", classe_taille="toutes"
    )
    tableau = pd.concat([detail, global_], ignore_index=True)
    con.register("_retro", tableau)
    con.execute(
        "insert into projection_backtest select $id, annee_origine, horizon, niveau, groupe_age,"
        " classe_taille, n::integer, mape, biais_median, couverture_80, couverture_95 from _retro",
        {"id": id_calcul},
    )
    con.unregister("_retro")


def calculer_projections(
    con: duckdb.DuckDBPyConnection,
    progression: Callable[[str], None] | None = None,
    scenarios: list[Scenario] | None = None,
) -> int:
    """Project the standard scenarios and write the results tables; return the run id."""
    signaler = progression or (lambda message: None)
    id_calcul = con.execute("select coalesce(max(id_calcul), 0) + 1 from calcul").fetchone()[0]
    scenarios = scenarios or [
        Scenario.from_dict({**s.to_dict(), "horizon": HORIZON_CALCUL}) for s in scenarios_standard()
    ]
    con.execute(
        "insert into calcul values ($id, 'projection', $parametres, current_timestamp, null, 'en cours')",
        {"id": id_calcul, "parametres": json.dumps([s.to_dict() for s in scenarios])},
    )
    # Communes observed different years (estimated real communes, census demo) are projected
    # in separate groups: the model needs the same years for all its communes.
    donnees = donnees_depuis_base(con)
    groupes = estimation.separer_par_annees(donnees) or [donnees]  # [donnees]: the model's error
    signaler("Estimation des taux locaux (mortalité, fécondité, migrations)")
    reference = charger_reference()
    modeles = [estimer_modele(donnees, reference) for donnees in groupes]
    for scenario in scenarios:
        central = scenario.nom == "central"
        signaler(
            f"Projection : {scenario.libelle or scenario.nom}"
            + (" (avec intervalles)" if central else "")
        )
        for rang, modele in enumerate(modeles):
            resultat = projeter(
                modele, scenario, intervalles=central, n_tirages=TIRAGES, graine=GRAINE
            )
            _ecrire_resultat(con, id_calcul, resultat, avec_scenario=rang == 0)
    estimation.elargir_intervalles(con, id_calcul)
    signaler("Rétro-projection : fiabilité des projections passées")
    estimees = estimation.communes_estimees(con)
    observes = [d for d in groupes if not set(d.communes["code_commune"]) & estimees]
    if observes:  # a back-test of estimated age structures would measure nothing
        _ecrire_backtest(con, id_calcul, observes[0])
    con.execute(
        "update calcul set fin = current_timestamp, statut = 'ok' where id_calcul = $id",
        {"id": id_calcul},
    )
    return id_calcul
