"""Un écrivain à la fois (issue 16) : le verrou du dossier de données fait passer à tour de rôle
les sessions d'un serveur et les programmes ; une construction et un import lancés ensemble
arrivent tous deux ; deux sessions qui enregistrent et listent en même temps ne se gênent pas ;
un import qui n'écrirait rien est refusé ; les restes d'une écriture tuée partent à la suivante.

Aucune attente arbitraire : l'ordre des événements est tenu par des `threading.Event`, et les
programmes lancés disent quand ils attendent (« En attente : … »).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading

import duckdb
import pytest

from models.scenarios import HypothesesScenario
from tests.conftest import verrou_tenu
from tests.robustesse.harnais import RACINE, lancer
from vigie.alimentation import importation
from vigie.alimentation.importation import depot
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.reglages import ratios_utilisateur, territoires
from vigie.reglages import scenarios_utilisateur as su
from vigie.stockage import base_utilisateur, integrite, verrou

FIXTURES = RACINE / "tests" / "fixtures" / "importeurs"


def pid_mort() -> int:
    """Le pid d'un processus fini (et attendu) : le sien ne tourne plus."""
    processus = subprocess.Popen([sys.executable, "-c", "pass"])
    processus.wait()
    return processus.pid


# --- Le verrou ------------------------------------------------------------------------------


def test_deux_fils_passent_l_un_apres_l_autre_et_voient_qui_ecrit(tmp_path):
    cible = tmp_path / "vigie.duckdb"
    tient, relacher, attend = threading.Event(), threading.Event(), threading.Event()
    vus: list[verrou.Occupant] = []
    ordre: list[str] = []

    def premier() -> None:
        with verrou.ecriture(cible, "construction de la base"):
            verrou.signaler(cible, "Chargement de population.parquet", 0.4)
            ordre.append("premier dedans")
            tient.set()
            relacher.wait(timeout=600)
            ordre.append("premier sort")

    def second() -> None:
        tient.wait(timeout=600)

        def attendre(qui: verrou.Occupant) -> None:
            vus.append(qui)
            attend.set()

        with verrou.ecriture(cible, "import de fichiers", attente=attendre):
            ordre.append("second dedans")

    fils = [threading.Thread(target=premier), threading.Thread(target=second)]
    for f in fils:
        f.start()
    assert attend.wait(timeout=600), "le second n'a pas attendu"
    relacher.set()
    for f in fils:
        f.join(timeout=600)
    assert ordre == ["premier dedans", "premier sort", "second dedans"]
    assert vus[0].quoi == "construction de la base" and vus[0].pid == os.getpid()
    assert vus[0].phrase() == (
        "Construction de la base en cours dans cette application : "
        "Chargement de population.parquet (40\u00a0%)."
    )
    assert verrou.occupant(cible) is None


def test_un_meme_fil_reprend_le_verrou_sans_s_attendre(tmp_path):
    cible = tmp_path / "vigie.duckdb"
    with verrou.ecriture(cible, "construction de la base"):
        with verrou.ecriture(cible, "enregistrement d'un territoire"):
            assert not verrou.est_pris(cible)  # c'est nous
        # toujours tenu par ce fil après la sortie du bloc intérieur
        pris_ailleurs = []
        fil = threading.Thread(target=lambda: pris_ailleurs.append(verrou.est_pris(cible)))
        fil.start()
        fil.join(timeout=600)
        assert pris_ailleurs == [True]


def test_attente_trop_longue_dit_qui_ecrit(tmp_path):
    cible = tmp_path / "vigie.duckdb"
    with verrou_tenu(cible, "import de fichiers"):
        with pytest.raises(verrou.EcritureOccupee) as info:
            with verrou.ecriture(cible, "construction de la base", attente_max_s=0):
                pass
    assert "Import de fichiers en cours" in str(info.value) and "Rien n'a été écrit" in str(
        info.value
    )


# --- Une construction et un import lancés ensemble -------------------------------------------


def _jusqu_a(lignes: queue.Queue, debut: str, vues: list[str]) -> None:
    while True:
        ligne = lignes.get(timeout=600)
        assert ligne is not None, f"fini sans « {debut} » : {vues}"
        vues.append(ligne)
        if ligne.startswith(debut):
            return


@pytest.mark.slow
def test_construction_et_import_lances_ensemble_arrivent_tous_deux(base_copie, tmp_path):
    """Avant l'issue 16, la base finale perdait l'import (le renommage de la construction
    écrasait la base importée) alors que le manifeste listait le fichier."""
    env = {
        "VIGIE_BASE": str(base_copie),
        "VIGIE_BASE_UTILISATEUR": os.environ["VIGIE_BASE_UTILISATEUR"],
    }
    fichier = FIXTURES / "v_commune_2026.csv"
    sorties: dict[str, list[str]] = {"build": [], "import": []}
    # Le test tient le verrou : les deux programmes doivent l'attendre, et le dire.
    with verrou_tenu(base_copie, "essai"):
        construction, lignes_c = lancer(["-m", "vigie", "build", "--base", str(base_copie)], env)
        import_, lignes_i = lancer(
            ["-m", "vigie", "import", "--base", str(base_copie), str(fichier)], env
        )
        _jusqu_a(lignes_c, "En attente : Essai en cours", sorties["build"])
        _jusqu_a(lignes_i, "En attente : Essai en cours", sorties["import"])
    assert construction.wait(timeout=900) == 0, sorties["build"] + [
        str(x) for x in iter(lignes_c.get, None)
    ]
    assert import_.wait(timeout=900) == 0, sorties["import"] + [
        str(x) for x in iter(lignes_i.get, None)
    ]

    assert [e["nom"] for e in depot.lire_manifeste()] == ["v_commune_2026.csv"]
    con = duckdb.connect(str(base_copie), read_only=True)
    try:
        (communes_importees,) = con.execute(
            "select count(*) from commune join source using (id_source) "
            "where source.origine = 'import'"
        ).fetchone()
    finally:
        con.close()
    assert communes_importees > 0, "l'import a été perdu"
    journal = verrou.journal(base_copie).read_text(encoding="utf-8").splitlines()
    assert sum("construction terminée" in ligne for ligne in journal) == 1
    assert sum("import de fichiers terminé" in ligne for ligne in journal) == 1
    assert integrite.diagnostiquer(base_copie, complet=True) is None
    assert not list(base_copie.parent.glob("vigie.duckdb.tmp-*"))


# --- Deux sessions d'un serveur --------------------------------------------------------------


def test_deux_sessions_enregistrent_et_listent_en_meme_temps_sans_echec(base_copie):
    """Avant l'issue 16 : lister les territoires pendant qu'une autre session enregistrait un
    scénario faisait échouer l'enregistrement 20 fois sur 20 (« Can't open a connection to same
    database file with a different configuration »)."""
    n = 20
    depart = threading.Barrier(3, timeout=600)
    erreurs: list[BaseException] = []

    def enregistrer_scenarios() -> None:
        depart.wait()
        for i in range(n):
            su.creer(f"Scénario {i}", HypothesesScenario())

    def enregistrer_ratios() -> None:
        depart.wait()
        for i in range(n):
            with base_utilisateur.ouvrir(ecriture=True) as con:
                con.execute(
                    base_utilisateur.texte("methode_choisie_enregistrer"),
                    {"niveau": "commune", "code": f"{i:05d}", "service": "ehpad", "methode": "x"},
                )

    def lister() -> None:
        depart.wait()
        for _ in range(3 * n):
            territoires.lister()
            su.lister()
            ratios_utilisateur.lire("commune", "00001")

    def garder(fonction):
        def lancer() -> None:
            try:
                fonction()
            except BaseException as erreur:  # noqa: BLE001 — rapporté par l'assertion
                erreurs.append(erreur)

        return lancer

    fils = [
        threading.Thread(target=garder(f))
        for f in (enregistrer_scenarios, enregistrer_ratios, lister)
    ]
    for f in fils:
        f.start()
    for f in fils:
        f.join(timeout=600)
    assert erreurs == []
    assert sorted(su.lister()["nom"]) == sorted(f"Scénario {i}" for i in range(n))
    assert len(base_utilisateur.lire("methode_choisie_lire", niveau="commune", code="00019")) == 1


def test_l_erreur_de_configuration_differente_est_reessayee(tmp_path, monkeypatch):
    """Un code qui ouvre la base des réglages sans passer par la porte (ici, en lecture seule)
    ne fait plus échouer un enregistrement : la porte réessaie jusqu'à ce qu'il la ferme."""
    chemin = tmp_path / "u.duckdb"
    su.creer("Premier", HypothesesScenario(), chemin=chemin)
    intrus = duckdb.connect(str(chemin), read_only=True)
    essais = []
    vrai_connect = duckdb.connect

    def connect(*args, **kwargs):
        essais.append(kwargs.get("read_only"))
        if len(essais) == 3:
            intrus.close()  # l'intrus ferme sa connexion pendant les essais
        return vrai_connect(*args, **kwargs)

    monkeypatch.setattr(base_utilisateur.duckdb, "connect", connect)
    monkeypatch.setattr(base_utilisateur, "ATTENTE_S", 0.0)
    su.creer("Second", HypothesesScenario(), chemin=chemin)
    assert len(essais) >= 3
    monkeypatch.undo()
    assert sorted(su.lister(chemin=chemin)["nom"]) == ["Premier", "Second"]


# --- Pas d'import silencieux, pas de restes --------------------------------------------------


def test_import_qui_n_ecrirait_aucune_ligne_refuse(base_copie, tmp_path):
    avant = base_copie.read_bytes()
    fichier = tmp_path / "pl_outre_mer.csv"
    fichier.write_text(
        "# Date de référence statistique : 1er janvier 2022\n"
        "Code région;Nom de la région;Code département;Code arrondissement;Code canton;"
        "Code commune;Nom de la commune;Population municipale;Population comptée à part;"
        "Population totale\n"
        "97;SPM;975;1;1;501;Miquelon-Langlade;580;10;590\n"
        "97;SPM;975;1;1;502;Saint-Pierre;5200;10;5210\n",
        encoding="utf-8",
    )
    with pytest.raises(ErreurImport) as info:
        importation.importer([fichier])
    message = info.value.message
    assert "pl_outre_mer.csv" in message and "aucune ligne importée" in message
    assert "2 lignes" in message and "97501, 97502" in message
    assert "59 communes connues" in message
    assert base_copie.read_bytes() == avant
    assert depot.lire_manifeste() == []
    assert not list(base_copie.parent.glob("vigie.duckdb.tmp-*"))


def test_les_restes_d_un_import_tue_partent_au_suivant(base_copie, tmp_path):
    mort = pid_mort()
    restes = [
        base_copie.with_name(f"vigie.duckdb.tmp-import-{mort}"),  # ancien nom (169 Mo, issue 16)
        base_copie.with_name(f"vigie.duckdb.tmp-import-{mort}-0badc0de"),
        base_copie.with_name(f"vigie.duckdb.tmp-import-{mort}-0badc0de.wal"),
        base_copie.with_name(f"vigie.duckdb.tmp-{mort}-12345678.blocs"),
    ]
    for reste in restes:
        reste.write_bytes(b"x" * 1000)
    territoires.enregistrer("Nord", communes=["00001", "00002"])  # une écriture de la base
    assert not any(r.exists() for r in restes)
    assert [t.code for t in territoires.lister()] == ["NORD"]


def test_provisoires_de_deux_sessions_distincts_et_epargnes(tmp_path):
    """Deux sessions d'un serveur ont le même pid : chacune a son provisoire, et le nettoyage de
    l'une n'efface pas celui que l'autre écrit encore (issue 16)."""
    cible = tmp_path / "vigie.duckdb"
    a, b = integrite.provisoire(cible), integrite.provisoire(cible)
    assert a != b and str(os.getpid()) in a.name
    for p in (a, b):
        p.write_bytes(b"x")
    integrite.liberer(b)
    abandonne = cible.with_name(f"vigie.duckdb.tmp-{os.getpid()}-abcdef12")  # tenu par personne
    abandonne.write_bytes(b"x")
    assert integrite.nettoyer_provisoires(cible) == [abandonne]
    assert a.exists() and not b.exists()
    integrite.liberer(a)
    assert not a.exists()


def test_lot_de_previsions_sans_zombie_ni_survivant(tmp_path):
    """Le programme du lot lancé par l'application s'arrête quand l'application disparaît."""
    from vigie.interface import connexion

    veilleur = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys\n"
            "lot = subprocess.Popen([sys.executable, '-c', sys.argv[1], str(__import__('os')"
            ".getpid()), sys.argv[2]], start_new_session=True,"
            " stdout=subprocess.DEVNULL)\n"
            "print(lot.pid, flush=True)\n"
            "sys.stdin.readline()\n",  # l'« application » vit jusqu'à ce qu'on lui écrive
            connexion._PROGRAMME_LOT.replace(
                "from vigie.cli import principal",
                "principal = lambda a: (print('pret', flush=True), __import__('time').sleep(600))",
            ),
            str(tmp_path / "previsions.duckdb.encours"),
        ],
        cwd=RACINE,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    pid_lot = int(veilleur.stdout.readline())
    veilleur.kill()  # l'application tuée d'un coup (SIGKILL) : elle ne peut rien arrêter
    veilleur.wait(timeout=600)
    # Le lot voit son parent disparaître et arrête tout son groupe ; on attend sa fin par le
    # système (pidfd), sans deviner un délai.
    fd = os.pidfd_open(pid_lot)
    try:
        import select

        pret, _, _ = select.select([fd], [], [], 600)
    finally:
        os.close(fd)
    assert pret, "le lot de prévisions a survécu à l'application"


def test_journal_note_chaque_ecriture(base_copie):
    territoires.enregistrer("Sud", communes=["00003"])
    lignes = verrou.journal(base_copie).read_text(encoding="utf-8").splitlines()
    assert len(lignes) == 1 and "enregistrement d'un territoire terminé" in lignes[0]
    assert json.loads(verrou._chemin_etat(base_copie).read_text())["quoi"] == (
        "enregistrement d'un territoire"
    )
