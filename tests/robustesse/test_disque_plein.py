"""Disque plein (issue 17) : chaque écriture de Vigie — construction, import, lot de prévisions,
territoire, scénario, ratio — qui ne trouve plus de place finit sur un message en français (« Le
disque est plein : … Libérez de la place dans <dossier> puis relancez ; la base précédente est
intacte »), jamais sur une trace d'erreur ; l'état précédent reste octet pour octet, et aucun
fichier provisoire ne traîne.

Le disque plein est simulé sans droits d'administrateur, de façon reproductible : la commande
tourne dans un processus dont la taille de fichier est bornée (`RLIMIT_FSIZE`, signal SIGXFSZ
ignoré), si bien que toute écriture au-delà de la borne échoue par EFBIG (« File too large »),
comme elle échouerait par ENOSPC (« No space left on device ») sur un disque plein : les deux
passent par le même `vigie.stockage.disque`. Les flux du processus sont des tubes, que la borne ne
touche pas.
"""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.robustesse.harnais import RACINE
from vigie.stockage import disque

FIXTURES = RACINE / "tests" / "fixtures" / "importeurs"
MO = 1024 * 1024
MESSAGE = "Le disque est plein"
# Les fichiers que toute écriture crée sous le verrou du dossier (ni provisoires ni données).
VERROU = {"vigie.verrou", "vigie.verrou.json", "vigie.journal"}


def sha(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def fichiers(*dossiers: Path) -> set[Path]:
    return {p for d in dossiers if d.exists() for p in d.rglob("*") if p.is_file()}


def lancer_borne(arguments: list[str], env: dict[str, str], limite: int):
    """`python <arguments>` dans un processus dont aucun fichier ne peut dépasser `limite` octets."""

    def borner() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG au lieu de la mort du processus
        resource.setrlimit(resource.RLIMIT_FSIZE, (limite, resource.RLIM_INFINITY))

    return subprocess.run(
        [sys.executable, *arguments],
        cwd=RACINE,
        env={**os.environ, **env},
        preexec_fn=borner,
        capture_output=True,
        text=True,
        timeout=900,  # un filet pour une commande bloquée, pas une mesure
    )


def refus_en_francais(resultat, dossier: Path) -> str:
    """La commande s'arrête avec le message du disque plein qui nomme `dossier`, sans trace."""
    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode == 1, sortie
    assert "Traceback" not in sortie and "Error" not in sortie, sortie
    assert MESSAGE in resultat.stderr, sortie
    assert f"Libérez de la place dans {dossier} puis relancez" in resultat.stderr, sortie
    return resultat.stderr


@pytest.fixture
def env_utilisateur(base_copie, tmp_path) -> dict[str, str]:
    return {
        "VIGIE_BASE": str(base_copie),
        "VIGIE_BASE_UTILISATEUR": str(tmp_path / "utilisateur" / "vigie_utilisateur.duckdb"),
        "VIGIE_PREVISIONS": str(tmp_path / "previsions" / "previsions.duckdb"),
    }


# --- La traduction, au même endroit pour toutes les écritures ---------------------------------


@pytest.mark.parametrize(
    "erreur",
    [
        OSError(errno.ENOSPC, "No space left on device", "/d/base.tmp"),
        OSError(errno.EFBIG, "File too large", "/source.csv", None, "/d/copie.csv"),
        OSError(errno.EDQUOT, "Disk quota exceeded", "/d/x"),
        RuntimeError('IO Error: Could not write file "/d/base.duckdb.tmp-1-ab": File too large'),
        RuntimeError(
            "FATAL Error: Failed: database has been invalidated because of a previous fatal "
            'error. Original error: "Could not write file "/d/x.wal": No space left on device"'
        ),
        RuntimeError(
            "TransactionContext Error: Failed to commit: Could not write file "
            '"/d/u.duckdb.wal": There is not enough space on the disk.'
        ),
    ],
)
def test_erreurs_de_disque_plein_reconnues(erreur):
    francais = disque.traduire(erreur, "import de fichiers", Path("/ailleurs"))
    assert isinstance(francais, disque.DisquePlein)
    assert francais.dossier == Path("/d")
    assert str(francais) == (
        "Le disque est plein : import de fichiers impossible (écriture refusée dans /d). "
        "Libérez de la place dans /d puis relancez ; la base précédente est intacte."
    )


def test_disque_plein_trouve_sous_une_erreur_qui_l_enveloppe():
    class ErreurMetier(RuntimeError):
        pass

    with pytest.raises(disque.DisquePlein, match="construction de la base impossible"):
        with disque.ecriture("construction de la base", Path("/d")):
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError as origine:
                raise ErreurMetier("population.parquet : lecture impossible") from origine
    # Les autres erreurs passent telles quelles.
    for autre in (OSError(errno.EACCES, "Permission denied"), ValueError("File too small")):
        assert disque.traduire(autre, "x", Path("/d")) is None
        with pytest.raises(type(autre)), disque.ecriture("x", Path("/d")):
            raise autre


# --- Les commandes, sur un disque plein simulé ------------------------------------------------


@pytest.mark.parametrize(
    "limite",  # pendant les chargements, puis aux projections (une minute sous charge)
    [1 * MO, pytest.param(12 * MO, marks=pytest.mark.slow)],
)
def test_construction_sur_disque_plein(base_copie, env_utilisateur, limite):
    avant, dossier = sha(base_copie), base_copie.parent
    presents = fichiers(dossier)
    resultat = lancer_borne(
        ["-m", "vigie", "build", "--base", str(base_copie), "--sans-imports"],
        env_utilisateur,
        limite,
    )
    assert "construction de la base impossible" in refus_en_francais(resultat, dossier)
    assert sha(base_copie) == avant
    assert {p.name for p in fichiers(dossier) - presents} <= VERROU


@pytest.mark.parametrize("marge", [None, 256 * 1024])  # la copie de la base, puis après elle
def test_import_sur_disque_plein(base_copie, env_utilisateur, marge):
    avant, dossier = sha(base_copie), base_copie.parent
    utilisateur = Path(env_utilisateur["VIGIE_BASE_UTILISATEUR"]).parent
    presents = fichiers(dossier, utilisateur / "imports")
    limite = 64 * 1024 if marge is None else base_copie.stat().st_size + marge
    fichier = FIXTURES / "v_commune_2026_extrait_35.csv"
    resultat = lancer_borne(
        ["-m", "vigie", "import", str(fichier), "--base", str(base_copie)], env_utilisateur, limite
    )
    assert "import de fichiers impossible" in refus_en_francais(resultat, dossier)
    assert sha(base_copie) == avant
    nouveaux = fichiers(dossier, utilisateur / "imports") - presents
    assert {p.name for p in nouveaux} <= VERROU, nouveaux  # ni copie, ni fichier rangé
    assert not (utilisateur / "imports" / "manifeste.json").exists()


def test_import_sans_place_pour_ranger_le_fichier(base_copie, env_utilisateur, monkeypatch):
    """Le fichier accepté est rangé dans le dossier de l'utilisateur juste avant le renommage :
    plein à ce moment, ni la base, ni le dossier, ni le manifeste ne changent."""
    from vigie.alimentation import importation
    from vigie.alimentation.importation import depot

    for cle, valeur in env_utilisateur.items():
        monkeypatch.setenv(cle, valeur)
    avant = sha(base_copie)
    copier = shutil.copyfile

    def copie_interrompue(source, cible, **options):
        if Path(cible).parent.name == "imports":
            Path(cible).write_bytes(b"moitie")  # la moitié écrite quand la place manque
            raise OSError(errno.ENOSPC, "No space left on device", str(cible))
        return copier(source, cible, **options)

    monkeypatch.setattr(depot.shutil, "copyfile", copie_interrompue)
    with pytest.raises(disque.DisquePlein) as refus:
        importation.importer([FIXTURES / "v_commune_2026_extrait_35.csv"], base=base_copie)
    assert refus.value.dossier == depot.dossier_imports()
    assert sha(base_copie) == avant
    assert fichiers(depot.dossier_imports()) == set()
    assert sorted(p.name for p in base_copie.parent.glob("*.tmp-*")) == []


def test_lot_de_previsions_sur_disque_plein(base_copie, env_utilisateur, tmp_path):
    from vigie.alimentation import previsions

    sortie = Path(env_utilisateur["VIGIE_PREVISIONS"])
    sortie.parent.mkdir()
    candidats = ["naive", "naive_saisonniere"]
    previsions.calculer_previsions(base_copie, sortie, processus=1, candidats=candidats)
    avant, presents = sha(sortie), fichiers(sortie.parent)
    resultat = lancer_borne(
        [
            "-m",
            "vigie",
            "forecast",
            "--base",
            str(base_copie),
            "--sortie",
            str(sortie),
            "--processus",
            "1",
            "--candidats",
            ",".join(candidats),
        ],  # fmt: skip
        env_utilisateur,
        256 * 1024,
    )
    texte = refus_en_francais(resultat, sortie.parent)
    assert "les prévisions précédentes sont intactes" in texte
    assert sha(sortie) == avant
    assert fichiers(sortie.parent) == presents


def test_territoire_sur_disque_plein(base_copie, env_utilisateur):
    avant, dossier = sha(base_copie), base_copie.parent
    utilisateur = Path(env_utilisateur["VIGIE_BASE_UTILISATEUR"])
    commande = ["-m", "vigie", "territoire", "--nom", "Pays plein", "--epci", "000000001"]
    # Premier enregistrement, rien ne peut s'écrire : aucun fichier de réglages vide ou tronqué
    # ne reste (DuckDB refusait ensuite de l'ouvrir, même une fois la place libérée).
    resultat = lancer_borne(commande, env_utilisateur, 0)
    texte = refus_en_francais(resultat, utilisateur.parent)
    assert "vos réglages déjà enregistrés sont intacts" in texte
    assert fichiers(utilisateur.parent) == set()
    # Les réglages s'écrivent, la copie de la base construite non : celle-ci reste telle quelle, et
    # le message dit que le territoire attend la prochaine reconstruction.
    resultat = lancer_borne(commande, env_utilisateur, 8 * MO)
    texte = refus_en_francais(resultat, dossier)
    assert "la base précédente est intacte" in texte and "gardé dans vos réglages" in texte
    assert sha(base_copie) == avant
    assert sorted(p.name for p in dossier.glob("*.tmp-*")) == []
    # La place revenue, la même commande réussit.
    resultat = lancer_borne(commande, env_utilisateur, resource.RLIM_INFINITY)
    assert resultat.returncode == 0, resultat.stderr
    assert sha(base_copie) != avant


# Un processus qui enregistre un scénario et un ratio, disque plein (borne à 0 octet levée pour
# la seule écriture), puis la place revenue : le même processus réussit sans redémarrer (un
# serveur de l'application n'a pas à être relancé).
ENREGISTREMENTS = textwrap.dedent(
    """
    import resource, signal, sys
    from models.scenarios import HypothesesScenario
    from vigie.reglages import ratios_utilisateur, scenarios_utilisateur
    from vigie.stockage import base, disque
    con = base.connecter()
    defauts = base.requete(con, "ratios_demande")
    con.close()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    def borner(limite):
        resource.setrlimit(resource.RLIMIT_FSIZE, (limite, resource.RLIM_INFINITY))
    def ratio():
        valeurs = {75: ("41", "1000"), 85: ("201", "1000")}
        ratios_utilisateur.enregistrer("commune", "00001", "ehpad", "par_age", valeurs, defauts)
    def scenario():
        scenarios_utilisateur.creer("pendant", HypothesesScenario())
    for essai in (scenario, ratio):
        borner(0)
        try:
            essai()
        except disque.DisquePlein as erreur:
            print("refus", erreur, flush=True)
        borner(resource.RLIM_INFINITY)
        print("empreinte", sys.argv[1], flush=True)  # le test compare le fichier ici
        sys.stdin.readline()
    scenario(); ratio()
    print("noms", sorted(scenarios_utilisateur.lister()["nom"]), flush=True)
    """
)


def test_scenario_et_ratio_sur_disque_plein_puis_place_revenue(base_copie, env_utilisateur):
    from models.scenarios import HypothesesScenario
    from vigie.reglages import scenarios_utilisateur

    utilisateur = Path(env_utilisateur["VIGIE_BASE_UTILISATEUR"])
    scenarios_utilisateur.creer("avant", HypothesesScenario(), chemin=utilisateur)
    avant = sha(utilisateur)
    processus = subprocess.Popen(
        [sys.executable, "-c", ENREGISTREMENTS, "x"],
        cwd=RACINE,
        env={**os.environ, **env_utilisateur},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    refus = []
    for _ in range(2):
        ligne = processus.stdout.readline()
        while ligne and not ligne.startswith("empreinte"):
            refus.append(ligne)
            ligne = processus.stdout.readline()
        assert ligne, processus.stderr.read()
        assert sha(utilisateur) == avant  # l'enregistrement refusé n'a rien changé au fichier
        processus.stdin.write("\n")
        processus.stdin.flush()
    sortie, erreurs = processus.communicate(timeout=300)
    assert processus.returncode == 0, erreurs
    assert "Traceback" not in erreurs, erreurs
    assert len(refus) == 2 and all(
        r.startswith(f"refus {MESSAGE} : enregistrement de vos réglages impossible") for r in refus
    ), refus
    assert all("vos réglages déjà enregistrés sont intacts" in r for r in refus)
    assert "noms ['avant', 'pendant']" in sortie  # place revenue : enregistré, sans redémarrer


# La page Scénarios dans AppTest, dans un processus à part (la borne vaut pour tout le
# processus) : « Enregistrer » sur un disque plein affiche le message en français à la place de
# la trace ; la place revenue, le même bouton enregistre, sans relancer le serveur.
PAGE_SCENARIOS = textwrap.dedent(
    """
    import resource, signal
    from tests.conftest import lancer_app
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    app = lancer_app("pages/scenarios.py", niveau="commune", code="00001", horizon=2035)
    app.text_input(key="scenarios_nom").set_value("Scénario du disque plein")
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
    app.button(key="scenarios_enregistrer_nouveau").click().run()
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    print("exception", [e.value for e in app.exception], flush=True)
    print("erreur", [e.value for e in app.error], flush=True)
    app.button(key="scenarios_enregistrer_nouveau").click().run()
    print("succes", [e.value for e in app.success], flush=True)
    """
)


@pytest.mark.slow
def test_page_scenarios_sur_disque_plein(base_demo, tmp_path):
    env = {
        "VIGIE_BASE": str(base_demo),
        "VIGIE_BASE_UTILISATEUR": str(tmp_path / "utilisateur" / "vigie_utilisateur.duckdb"),
        "VIGIE_PREVISIONS": str(tmp_path / "sans_previsions.duckdb"),
    }
    resultat = subprocess.run(
        [sys.executable, "-c", PAGE_SCENARIOS],
        cwd=RACINE,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert resultat.returncode == 0, resultat.stderr
    lignes = dict(ligne.split(" ", 1) for ligne in resultat.stdout.splitlines() if " " in ligne)
    assert lignes["exception"] == "[]", resultat.stdout
    assert (
        MESSAGE in lignes["erreur"]
        and "enregistrement de vos réglages impossible" in lignes["erreur"]
    ), resultat.stdout
    assert "enregistré (n° 1, version 1)" in lignes["succes"], resultat.stdout
