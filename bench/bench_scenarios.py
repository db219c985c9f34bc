"""Vitesse de la page Scénarios (issue 6) : recalcul après le changement d'une hypothèse.

1. Calcul seul (sans navigateur) : sur le territoire de démonstration (base construite), le modèle
   de projection estimé une fois (comme `st.cache_resource` le fait dans l'application), puis pour
   chaque hypothèse changée (fécondité, espérance de vie, migrations, programme de logements, taille
   de classe, ouverture, fermeture) : projection du territoire, population du périmètre, demande et
   capacité de chaque service, phrase de synthèse, tableau des différences et les quatre figures
   Plotly sérialisées (ce que la page envoie au navigateur). Médiane et 95e centile de 15
   répétitions, pour la commune de Porz-Vihan, un EPCI et le Pays, horizon 2050.
2. Dans le navigateur (`--navigateur`) : l'application servie (`python -m vigie serve`), Chromium
   sans écran ; on change le multiplicateur des migrations et on mesure le temps jusqu'à ce que le
   titre du graphique de population ait changé (nouveau dessin visible). Médiane et 95e centile.

Cible : moins d'une seconde entre le changement et le nouveau dessin. Usage :

    python bench/bench_scenarios.py [--navigateur] [--repetitions 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import banc
import numpy as np

from models.projection import ProgrammeLogement, Scenario
from models.scenarios import (
    FermetureEquipement,
    HypothesesScenario,
    OuvertureEquipement,
    RatioScenario,
)
from vigie import chemins
from vigie.alimentation import projections
from vigie.analyses import scenarios
from vigie.figures import scenarios as gs
from vigie.stockage import base, lecture

RACINE = banc.RACINE

PERIMETRES = [("commune", "00001"), ("epci", "000000001"), ("territoire", "PAYSDEMO")]
HORIZON = 2050


def _perimetre(con, niveau: str, code: str) -> scenarios.Perimetre:
    communes = base.requete(con, "communes_du_perimetre", niveau=niveau, code=code)
    return scenarios.Perimetre(
        niveau=niveau,
        code=code,
        nom=code,
        communes=dict(zip(communes["code_commune"], communes["nom_commune"], strict=True)),
        defauts=base.requete(con, "ratios_demande"),
        modifications=None,
        methodes={},
        equipements=base.requete(con, "equipements", niveau=niveau, code=code),
        intervalles_central=base.requete(
            con, "demande_intervalles", niveau=niveau, code=code, scenario="central"
        ),
    )


def _changements(p: scenarios.Perimetre) -> dict[str, HypothesesScenario]:
    creche = p.equipements[p.equipements["service"] == "petite_enfance"]
    fermeture = (
        [FermetureEquipement(str(creche["id_equipement"].iloc[0]), 2030)] if len(creche) else []
    )
    return {
        "fécondité +0,2": HypothesesScenario(Scenario(fecondite_ecart=0.2)),
        "espérance de vie haute": HypothesesScenario(Scenario(esperance_vie="haute")),
        "migrations × 1,5": HypothesesScenario(Scenario(migration_multiplicateur=1.5)),
        "400 logements dès 2027": HypothesesScenario(
            Scenario(programmes_logement=[ProgrammeLogement("00001", 100, 2027, 2030)])
        ),
        "22 élèves par classe": HypothesesScenario(
            ratios=[RatioScenario("ecole_maternelle", "plafond", 3, 1.0, 22.0)]
        ),
        "crèche de 30 places en 2027": HypothesesScenario(
            ouvertures=[
                OuvertureEquipement(
                    "petite_enfance", next(iter(p.communes)), 30, "places", 2027, "Crèche"
                )
            ]
        ),
        "fermeture d'une crèche en 2030": HypothesesScenario(fermetures=fermeture),
    }


def _recalcul(modele, p, central, hypotheses, histoire) -> None:
    r = scenarios.calculer(modele, hypotheses, p, HORIZON, cle="b", libelle="Brouillon")
    scenarios.resumer(central, r, p, HORIZON)
    scenarios.tableau_differences_texte(
        scenarios.tableau_differences([central, r], HORIZON), [central.libelle, r.libelle]
    )
    resultats = [central, r]
    source = "Source : banc"
    for fig in (
        gs.figure_population(resultats, histoire, p.nom, HORIZON, source),
        gs.figure_groupes(resultats, HORIZON, source),
        gs.figure_couverture(resultats, HORIZON, source),
        gs.figure_service(resultats, "petite_enfance", HORIZON, source),
    ):
        fig.to_json()


def banc_calcul(repetitions: int) -> None:
    con = lecture.Catalogue(chemin=chemins.chemin_base()).curseur()
    t = time.perf_counter()
    modele = projections.modele_depuis_base(con)
    print(
        f"Estimation du modèle (une fois par processus) : {(time.perf_counter() - t) * 1000:.0f} ms"
    )
    t = time.perf_counter()
    for _ in range(20):
        scenarios.projeter_scenario(modele, HypothesesScenario(), HORIZON)
    print(f"Projection d'un scénario (territoire entier, {HORIZON}) : "
          f"{(time.perf_counter() - t) / 20 * 1000:.1f} ms")  # fmt: skip
    print()
    print(f"{'périmètre':<22}{'hypothèse changée':<34}{'médiane (ms)':>14}{'p95 (ms)':>10}")
    toutes = []
    for niveau, code in PERIMETRES:
        p = _perimetre(con, niveau, code)
        histoire = base.requete(con, "indicateurs_cles", niveau=niveau, code=code)
        central = scenarios.calculer(modele, HypothesesScenario(), p, HORIZON)
        for nom, hypotheses in _changements(p).items():
            durees = banc.durees(
                lambda p=p, c=central, h=hypotheses, hi=histoire: _recalcul(modele, p, c, h, hi),
                repetitions,
            )
            durees = [d * 1000 for d in durees]  # ms
            toutes += durees
            print(
                f"{niveau + ' ' + code:<22}{nom:<34}{statistics.median(durees):>14.0f}"
                f"{np.percentile(durees, 95):>10.0f}"
            )
    print(
        f"{'toutes':<22}{'':<34}{statistics.median(toutes):>14.0f}"
        f"{np.percentile(toutes, 95):>10.0f}"
    )


def banc_navigateur(repetitions: int) -> None:
    sys.path.insert(0, str(RACINE / "tests" / "e2e"))
    from navigateur import serveur_streamlit
    from playwright.sync_api import sync_playwright

    valeurs = [1.5, 0.5, 1.2, 0.8, 1.3, 0.7, 1.1, 0.9, 1.4, 0.6, 1.25, 0.75, 1.15, 0.85, 1.35]
    with (
        tempfile.TemporaryDirectory() as dossier,
        serveur_streamlit(chemins.chemin_base(), Path(dossier)) as url,
        sync_playwright() as p,
    ):
        navigateur = banc.ouvrir_chromium(p)
        page = navigateur.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(url + "/scenarios?niveau=commune&code=00001&horizon=2050")
        titre = page.locator(".js-plotly-plot .gtitle").first
        titre.wait_for(timeout=90_000)
        champ = page.get_by_role("spinbutton", name="Migrations : départs et arrivées, × combien")
        durees = []
        for i in range(repetitions + 1):
            avant = titre.text_content()
            champ.fill(f"{valeurs[i % len(valeurs)]:.2f}")
            t = time.perf_counter()
            champ.press("Enter")
            page.wait_for_function(
                "avant => { const t = document.querySelector('.js-plotly-plot .gtitle');"
                " return t && t.textContent !== avant; }",
                arg=avant,
                timeout=30_000,
            )
            if i:  # le premier changement réchauffe les caches de la session
                durees.append((time.perf_counter() - t) * 1000)
        navigateur.close()
    print()
    print("Navigateur (Chromium) : changement du multiplicateur des migrations → nouveau titre du")
    print(f"graphique de population, Porz-Vihan, {repetitions} changements :")
    print(f"{'médiane (ms)':>14}{'p95 (ms)':>10}{'max (ms)':>10}")
    print(
        f"{statistics.median(durees):>14.0f}{np.percentile(durees, 95):>10.0f}{max(durees):>10.0f}"
    )


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--navigateur", action="store_true", help="mesurer aussi dans Chromium")
    parseur.add_argument("--repetitions", type=int, default=15)
    args = parseur.parse_args()
    banc_calcul(args.repetitions)
    if args.navigateur:
        banc_navigateur(args.repetitions)


if __name__ == "__main__":
    main()
