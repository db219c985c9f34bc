"""Issue 6 : les scénarios enregistrés — versions, corbeille et restauration, survie à une vraie
reconstruction, et deux processus qui enregistrent en même temps dans la même base de
l'utilisateur (rien de perdu, lecteurs cohérents)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.projection import ErreurScenario, ProgrammeLogement, Scenario
from models.scenarios import HypothesesScenario
from vigie.reglages import scenarios_utilisateur as su

RACINE = Path(__file__).resolve().parents[2]


def _logements(n: float) -> HypothesesScenario:
    return HypothesesScenario(
        Scenario(programmes_logement=[ProgrammeLogement("00001", n, 2027, 2030)])
    )


def test_versions_corbeille_restauration(tmp_path):
    base = tmp_path / "u.duckdb"
    assert su.lister(chemin=base).empty and not base.exists()  # une lecture ne crée rien
    s = su.creer("400 logements", _logements(100), "Quartier de la gare", "Service urbanisme",
                 chemin=base)  # fmt: skip
    assert (s.id_scenario, s.version, s.auteur) == (1, 1, "Service urbanisme")
    v2 = su.modifier(1, _logements(150), "600 logements", "Plus dense", "Élue", chemin=base)
    assert v2.version == 2 and v2.nom == "600 logements"
    # La version précédente reste lisible, avec son propre nom et ses hypothèses.
    v1 = su.lire(1, 1, chemin=base)
    assert v1.nom == "400 logements" and v1.hypotheses == _logements(100)
    assert su.lire(1, chemin=base).hypotheses == _logements(150)
    assert su.versions(1, chemin=base)["version"].tolist() == [2, 1]
    autre = su.creer("Central bis", HypothesesScenario(), chemin=base)
    assert autre.id_scenario == 2

    su.supprimer(1, chemin=base)
    assert su.lister(chemin=base)["id_scenario"].tolist() == [2]
    corbeille = su.lister(corbeille=True, chemin=base)
    assert corbeille["id_scenario"].tolist() == [1]
    assert su.lire(1, chemin=base).dans_corbeille  # encore lisible dans la corbeille
    su.restaurer(1, chemin=base)
    assert sorted(su.lister(chemin=base)["id_scenario"]) == [1, 2]
    assert su.versions(1, chemin=base)["version"].tolist() == [2, 1]  # rien de perdu

    with pytest.raises(su.ScenarioIntrouvable, match="numéro 9"):
        su.modifier(9, HypothesesScenario(), "x", chemin=base)
    with pytest.raises(su.ScenarioIntrouvable, match="pas de version 5"):
        su.lire(1, 5, chemin=base)
    with pytest.raises(ErreurScenario, match="^nom :"):
        su.creer("   ", HypothesesScenario(), chemin=base)


def test_base_ancienne_sans_tables_de_scenarios(tmp_path):
    """Une base de l'utilisateur écrite avant l'issue 6 (ratios seulement) est mise à jour à la
    lecture."""
    import duckdb

    base = tmp_path / "ancienne.duckdb"
    con = duckdb.connect(str(base))
    con.execute("create table ratio_modifie (niveau text)")
    con.close()
    assert su.lister(chemin=base).empty
    assert su.creer("Nouveau", HypothesesScenario(), chemin=base).id_scenario == 1


def test_scenarios_survivent_a_une_vraie_reconstruction(env_base, tmp_path):
    from vigie import chemins
    from vigie.alimentation import construction

    su.creer("400 logements", _logements(100))
    fichier = chemins.chemin_base_utilisateur()
    avant = hashlib.sha256(fichier.read_bytes()).hexdigest()
    # Sans projections : le point est que la construction n'ouvre pas la base de l'utilisateur.
    construction.construire(chemin=tmp_path / "reconstruite.duckdb", projeter=False)
    assert hashlib.sha256(fichier.read_bytes()).hexdigest() == avant
    assert su.lire(1).hypotheses == _logements(100)


ECRIVAIN = """
import json, sys
from models.projection import ProgrammeLogement, Scenario
from models.scenarios import HypothesesScenario
from vigie.reglages import scenarios_utilisateur as su
chemin, nom, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
faits = []
for i in range(n):
    h = HypothesesScenario(Scenario(programmes_logement=[ProgrammeLogement("00001", i + 1, 2027, 2030)]))
    s = su.creer(f"{nom}-{i}", h, chemin=chemin)
    v = su.modifier(s.id_scenario, h, f"{nom}-{i}", "modifié", chemin=chemin)
    faits.append([s.id_scenario, v.version])
print(json.dumps(faits))
"""

LECTEUR = """
import json, sys, time
from vigie.stockage import base_utilisateur
chemin, duree = sys.argv[1], float(sys.argv[2])
lectures, incoherences = 0, []
fin = time.monotonic() + duree
while time.monotonic() < fin:
    # Une ouverture = un état cohérent : les scénarios et leurs versions lus ensemble.
    with base_utilisateur.ouvrir(chemin=chemin) as con:
        tous = con.execute(base_utilisateur.texte("scenarios_lister")).df()
        for ligne in tous.itertuples():
            versions = con.execute(
                base_utilisateur.texte("scenario_versions"), {"id": int(ligne.id_scenario)}
            ).df()["version"].tolist()
            # Jamais un scénario sans ses versions, ni une version courante qui ne soit pas la dernière.
            if ligne.version_courante not in versions or max(versions) != ligne.version_courante:
                incoherences.append([int(ligne.id_scenario), versions, int(ligne.version_courante)])
    lectures += 1
print(json.dumps({"lectures": lectures, "incoherences": incoherences}))
"""


@pytest.mark.slow
def test_deux_processus_enregistrent_en_meme_temps(tmp_path):
    base = tmp_path / "partagee.duckdb"
    su.creer("amorce", HypothesesScenario(), chemin=base)
    n = 15

    def lancer(code, *args):
        return subprocess.Popen(
            [sys.executable, "-c", code, str(base), *map(str, args)],
            cwd=RACINE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    processus = [lancer(ECRIVAIN, "A", n), lancer(ECRIVAIN, "B", n), lancer(LECTEUR, 4)]
    sorties = []
    for p in processus:
        sortie, erreur = p.communicate(timeout=240)
        assert p.returncode == 0, erreur
        sorties.append(json.loads(sortie))
    a, b, lecteur = sorties
    ids = [i for i, _ in a + b]
    assert len(set(ids)) == 2 * n  # identifiants distincts : rien d'écrasé
    assert all(v == 2 for _, v in a + b)
    tous = su.lister(chemin=base)
    assert len(tous) == 2 * n + 1  # rien de perdu
    assert {f"A-{i}" for i in range(n)} | {f"B-{i}" for i in range(n)} <= set(tous["nom"])
    assert lecteur["lectures"] > 0 and lecteur["incoherences"] == []
