"""Fixtures partagées : la base de démonstration et ses prévisions construites une fois par session
de tests (jamais reconstruites par un test qui peut s'en passer : copiez-la, avec
`integrite.copier` qui garde son relevé d'empreintes), le dossier des données ouvertes réelles, et
un lanceur AppTest qui ouvre l'application sur un territoire choisi par son adresse.

Les tests longs (constructions complètes, processus tués, navigateur) portent la marque `slow` :
`pytest -m "not slow"` pendant le développement ; l'intégration continue lance tout."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from filelock import FileLock

RACINE = Path(__file__).resolve().parents[1]
DONNEES_PARTAGEES = RACINE.parent / "shared" / "data"


def pytest_collection_modifyitems(config, items) -> None:
    """L'ordre des fichiers, pour deux processus de test (`lancer.py tests` : `-n 2 --dist
    loadfile`, un fichier entier par processus) : d'abord les fichiers qui ont des tests longs
    (marque `slow`), pour qu'aucun ne reste seul à tourner sur un cœur à la fin du lancement ;
    puis les autres ; en dernier ceux qui lisent la base du Pays réel sans la construire (sa
    construction, trois minutes, est lancée par le premier fichier long qui la demande, le
    parcours dans Chromium : un fichier placé en tête l'attendrait sans rien faire). L'ordre
    des tests d'un même fichier ne change pas."""
    longs, lecteurs = set(), set()
    for item in items:
        if item.get_closest_marker("slow"):
            longs.add(item.path)
        elif "pays_reel" in getattr(item, "fixturenames", ()):
            lecteurs.add(item.path)
    rang = {chemin: 2 for chemin in lecteurs} | {chemin: 0 for chemin in longs}
    items[:] = sorted(items, key=lambda item: rang.get(item.path, 1))


@pytest.fixture(scope="session", autouse=True)
def hors_du_depot(tmp_path_factory) -> Iterator[None]:
    """Aucun test ne lit ni n'écrit le dossier data/ du développeur (sa base, ses réglages, ses
    prévisions) : par défaut, les trois chemins mènent à un dossier vide de la session ; un test
    qui veut une base le dit (`env_base`, `base_copie`...). Cela isole aussi deux lots de tests
    lancés en même temps sur le même dépôt."""
    dossier = tmp_path_factory.mktemp("hors_du_depot")
    with pytest.MonkeyPatch.context() as mp:
        pointer_sur(mp, dossier / "vigie.duckdb", dossier)
        yield


@pytest.fixture(scope="session", autouse=True)
def demarrages_sans_hate() -> Iterator[None]:
    """Le processus de l'explorateur SQL a trente secondes pour démarrer dans l'application ; une
    machine de CI chargée (deux cœurs partagés) peut en demander plus, et ce délai n'est pas ce
    que les tests vérifient : ils lui laissent dix minutes. (Le délai d'une requête, lui, est
    essayé par tests/stockage/test_bac_a_sable.py sur des requêtes sans fin.)"""
    from vigie.stockage import bac_a_sable

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(bac_a_sable, "DEMARRAGE_S", 600.0)
        yield


# Le programme principal de ce processus de test (pytest ou un processus de pytest-xdist).
PROGRAMME_PRINCIPAL = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def programme_principal_rendu() -> Iterator[None]:
    """AppTest laisse `sys.modules["__main__"]` sur le script qu'il a exécuté (dashboard.py) : un
    processus « spawn » créé ensuite dans le même processus de test réexécute alors dashboard.py
    avant sa tâche (un lot de prévisions de 2 s en prenait 49 dans la suite). Chaque test part du
    vrai programme principal et le rend, même si une fixture de module a lancé AppTest avant lui.
    (L'application lance ses lots par `python -m vigie forecast`, dans un processus à part : elle
    n'est pas concernée.)"""
    sys.modules["__main__"] = PROGRAMME_PRINCIPAL
    yield
    sys.modules["__main__"] = PROGRAMME_PRINCIPAL


def une_fois_par_lancement(tmp_path_factory, nom: str, fabriquer: Callable[[Path], None]) -> Path:
    """Le fichier `nom` fabriqué une seule fois pour tout le lancement de pytest, et son chemin.

    Avec pytest-xdist (`-n 2`), les processus de test partagent le dossier temporaire du
    lancement : le premier qui le demande le fabrique sous un verrou de fichier, les autres
    l'attendent puis le lisent. Les tests ne l'ouvrent qu'en lecture (ceux qui écrivent en font une
    copie). Sans xdist, c'est une fixture de session ordinaire."""
    racine = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        racine = racine.parent  # commun aux processus du lancement
    dossier = racine / f"commun_{Path(nom).stem}"
    chemin, fait = dossier / nom, dossier / "fait"
    with FileLock(str(racine / f"commun_{Path(nom).stem}.verrou")):
        if not fait.exists():
            dossier.mkdir(exist_ok=True)
            fabriquer(chemin)
            fait.touch()
    return chemin


@pytest.fixture(scope="session")
def base_demo(tmp_path_factory) -> Path:
    """Le territoire de démonstration construit depuis les fichiers livrés dans une base
    temporaire (une fois par lancement : trente secondes).

    Les imports du développeur (data/utilisateur/imports) ne sont pas rejoués : les tests voient
    la démonstration seule.
    """
    from vigie.alimentation import construction

    return une_fois_par_lancement(
        tmp_path_factory,
        "vigie.duckdb",
        lambda chemin: construction.construire(chemin=chemin, rejouer_imports=False),
    )


@pytest.fixture(scope="session")
def base_demo_sans_projections(tmp_path_factory) -> Path:
    """La démonstration sans ses projections de population (une fois par lancement) : 18 Mo bâtis
    en une seconde, au lieu de 178 Mo en trente. Pour les tests d'import et d'écriture, qui ne
    lisent pas les projections mais copient la base à chaque écriture (et la relisent pour la
    contrôler) : leur coût suit la taille du fichier. Une construction ou un import sur la base
    complète reste essayé ailleurs (`base_demo`, tests/robustesse)."""
    from vigie.alimentation import construction

    return une_fois_par_lancement(
        tmp_path_factory,
        "sans_projections.duckdb",
        lambda chemin: construction.construire(
            chemin=chemin, rejouer_imports=False, projeter=False
        ),
    )


@pytest.fixture(scope="session")
def previsions_demo(base_demo, tmp_path_factory) -> Path:
    """Les prévisions des séries d'usage de la démonstration (candidats rapides seulement, pour une
    suite courte ; une fois par lancement)."""
    from vigie.alimentation import previsions

    return une_fois_par_lancement(
        tmp_path_factory,
        "previsions.duckdb",
        lambda chemin: previsions.calculer_previsions(
            base_demo,
            chemin,
            processus=2,
            candidats=["naive", "naive_saisonniere", "ets_additif", "theta"],
        ),
    )


def pointer_sur(monkeypatch, base: Path, dossier: Path) -> Path:
    """L'application et les commandes pointées sur `base`, une base utilisateur neuve dans
    `dossier/utilisateur` et aucun fichier de prévisions ; rend `base`."""
    monkeypatch.setenv("VIGIE_BASE", str(base))
    monkeypatch.setenv(
        "VIGIE_BASE_UTILISATEUR", str(dossier / "utilisateur" / "utilisateur.duckdb")
    )
    monkeypatch.setenv("VIGIE_PREVISIONS", str(dossier / "sans_previsions.duckdb"))
    return base


@pytest.fixture
def env_base(base_demo, tmp_path, monkeypatch) -> Path:
    """L'application et les commandes pointées sur la base de démonstration et une base
    utilisateur neuve (pas de fichier de prévisions : les pages qui en ont besoin sont testées avec
    `env_previsions`)."""
    return pointer_sur(monkeypatch, base_demo, tmp_path)


def _copie_modifiable(source: Path, tmp_path: Path, monkeypatch) -> Path:
    """Une copie de `source` (avec son relevé d'empreintes), seule dans `tmp_path/base`,
    l'application et les commandes pointées dessus avec un dossier utilisateur vide."""
    from vigie.stockage import integrite

    dossier = tmp_path / "base"
    dossier.mkdir()
    chemin = integrite.copier(source, dossier / "vigie.duckdb")
    return pointer_sur(monkeypatch, chemin, tmp_path)


@pytest.fixture
def base_copie(base_demo_sans_projections, tmp_path, monkeypatch) -> Path:
    """Une copie que le test peut modifier : la démonstration sans projections (les imports et
    les écritures n'en ont pas besoin, et elle se copie dix fois plus vite)."""
    return _copie_modifiable(base_demo_sans_projections, tmp_path, monkeypatch)


@pytest.fixture
def base_copie_projetee(base_demo, tmp_path, monkeypatch) -> Path:
    """Une copie que le test peut modifier, avec les projections (une vue qui les lit)."""
    return _copie_modifiable(base_demo, tmp_path, monkeypatch)


@pytest.fixture
def env_previsions(env_base, previsions_demo, monkeypatch) -> Path:
    """Comme `env_base`, avec les prévisions de la démonstration."""
    monkeypatch.setenv("VIGIE_PREVISIONS", str(previsions_demo))
    return previsions_demo


@pytest.fixture
def chromium():
    """Le Chromium de Debian, sans fenêtre, piloté par Playwright le temps d'un test ; le test est
    ignoré sans lui sur un poste, en échec en CI (qui doit l'installer). Un navigateur par test :
    l'API synchrone de Playwright tient une boucle asyncio que d'autres tests ne doivent pas voir."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.e2e.navigateur import ARGUMENTS_CHROMIUM, chromium_ou_passer

    chemin = chromium_ou_passer()
    with sync_api.sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chemin, args=ARGUMENTS_CHROMIUM)
        yield navigateur
        navigateur.close()


@pytest.fixture
def donnees_partagees() -> Path:
    """Les fichiers réels INSEE/IGN/DGCL de ../shared/data ; le test est ignoré sans eux."""
    if not DONNEES_PARTAGEES.is_dir():
        pytest.skip("dossier ../shared/data absent (données ouvertes réelles)")
    return DONNEES_PARTAGEES


# Le Pays de Morlaix réel, fait par les commandes du README (« Mon territoire réel en 10
# minutes ») dans un dossier neuf : tout ../shared/data importé, le territoire, la construction.
EPCI_MORLAIX = ["242900835", "200067072", "242900751"]
COMMANDES_PAYS_REEL = [
    ["import", str(DONNEES_PARTAGEES)],
    ["territoire", "--nom", "Pays de Morlaix", "--epci", *EPCI_MORLAIX],
    ["build"],
]


def env_pays_reel(base: Path) -> dict[str, str]:
    """Les variables qui pointent l'application et les commandes sur la base du Pays réel."""
    return {
        "VIGIE_BASE": str(base),
        "VIGIE_BASE_UTILISATEUR": str(base.parent / "u" / "vigie_utilisateur.duckdb"),
        "VIGIE_PREVISIONS": str(base.parent / "previsions.duckdb"),
    }


def _construire_pays_reel(chemin: Path) -> None:
    """Les commandes du README dans un dossier neuf ; leurs sorties dans commandes.log."""
    import subprocess

    journal = []
    for arguments in COMMANDES_PAYS_REEL:
        fini = subprocess.run(
            [sys.executable, "-m", "vigie", *arguments],
            cwd=RACINE,
            env={**os.environ, **env_pays_reel(chemin)},
            capture_output=True,
            text=True,
        )
        journal.append(
            f"$ python -m vigie {' '.join(arguments)}\nCODE {fini.returncode}\n"
            f"{fini.stdout}\n{fini.stderr}\n"
        )
        if fini.returncode:
            break
    (chemin.parent / "commandes.log").write_text("\n".join(journal), encoding="utf-8")


@pytest.fixture(scope="session")
def pays_reel(tmp_path_factory) -> Path:
    """La base du Pays de Morlaix réel (sa base de l'utilisateur à côté, le journal des commandes
    dans `commandes.log`) construite par les commandes du README depuis un dossier neuf, une seule
    fois par lancement (deux à trois minutes sur deux cœurs) et partagée par tous les tests sur
    données réelles qui la lisent : imports réels, services réels, parcours dans Chromium. Les
    tests ne font que la lire. Ignoré sans ../shared/data."""
    if not DONNEES_PARTAGEES.is_dir():
        pytest.skip("dossier ../shared/data absent (données ouvertes réelles)")
    return une_fois_par_lancement(tmp_path_factory, "pays_morlaix.duckdb", _construire_pays_reel)


def journal_pays_reel(base: Path) -> str:
    """Le journal des commandes qui ont fait la base du Pays réel (`pays_reel`)."""
    return (base.parent / "commandes.log").read_text(encoding="utf-8")


def remarques_import(journal: str) -> dict[str, str]:
    """Les remarques de chaque fichier importé (« Importé : nom — type » puis « · remarque »),
    lues dans la sortie de `python -m vigie import`, par nom de fichier."""
    remarques: dict[str, list[str]] = {}
    courant = None
    for ligne in journal.splitlines():
        if ligne.startswith("$ "):
            courant = None
        elif not ligne.startswith(" ") and " : " in ligne and not ligne.startswith("Refusé"):
            courant = ligne.split(" : ", 1)[1].split(" — ")[0].strip()
            remarques.setdefault(courant, [])
        elif courant and ligne.strip().startswith("· "):
            remarques[courant].append(ligne.strip()[2:])
    return {nom: " ".join(r) for nom, r in remarques.items()}


def lire(base: Path, sql: str, *parametres) -> list[tuple]:
    """Les lignes d'une requête sur un fichier de base, ouvert en lecture seule le temps de la
    lire (les valeurs attendues d'un test sont écrites en SQL ici, pas prises au code testé)."""
    con = duckdb.connect(str(base), read_only=True)
    try:
        return con.execute(sql, list(parametres)).fetchall()
    finally:
        con.close()


def enregistrer_source(con, **autres) -> int:
    """Une source de test enregistrée par `vigie.stockage.sources.enregistrer` (la seule écriture
    de la table `source`) : un recensement INSEE fictif, dont `autres` remplace des champs."""
    from vigie.stockage import sources

    valeurs = dict(
        fichier="base-pop-2021.csv",
        editeur="INSEE",
        titre="Recensement",
        millesime="RP 2021",
        licence="Licence ouverte 2.0",
        sha256="ab" * 32,
    )
    return sources.enregistrer(con, **(valeurs | autres))


@contextmanager
def verrou_tenu(cible: Path, quoi: str) -> Iterator[threading.Event]:
    """Le verrou d'écriture du dossier de `cible` tenu par un autre fil (comme le tiendrait un autre
    écrivain) dès l'entrée du bloc, jusqu'à ce que le test pose l'événement rendu, ou à la sortie
    du bloc. Aucun délai : les événements ordonnent tout."""
    from vigie.stockage import verrou

    tient, relacher = threading.Event(), threading.Event()

    def tenir() -> None:
        with verrou.ecriture(cible, quoi):
            tient.set()
            relacher.wait()

    fil = threading.Thread(target=tenir, name="verrou-tenu", daemon=True)
    fil.start()
    assert tient.wait(timeout=600), "le fil n'a pas pris le verrou"
    try:
        yield relacher
    finally:
        relacher.set()
        fil.join(timeout=600)


def lancer_app(page: str | None = None, **parametres_url):
    """Lance `dashboard.py` une fois dans AppTest, avec ces paramètres d'adresse.

    AppTest n'exécute le fichier d'entrée (barre latérale, navigation) qu'au premier passage d'une
    application multipage : on choisit donc un territoire comme le fait un lien,
    `lancer_app(niveau="commune", code="00001")`. `page` (par exemple "pages/sources.py") passe à
    cette page après le premier passage.
    """
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(RACINE / "dashboard.py"), default_timeout=120)
    for cle, valeur in parametres_url.items():
        app.query_params[cle] = str(valeur)
    app.run()
    if page:
        app.switch_page(page)
        app.run()
    return app
