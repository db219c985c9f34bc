"""Fixtures partagées : la base de démonstration et ses prévisions construites une fois par session
de tests (jamais reconstruites par un test qui peut s'en passer : copiez-la, avec
`integrite.copier` qui garde son relevé d'empreintes), le dossier des données ouvertes réelles, et
un lanceur AppTest qui ouvre l'application sur un territoire choisi par son adresse.

Les tests longs (constructions complètes, processus tués, navigateur) portent la marque `slow` :
`pytest -m "not slow"` pendant le développement ; l'intégration continue lance tout."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from filelock import FileLock

RACINE = Path(__file__).resolve().parents[1]
DONNEES_PARTAGEES = RACINE.parent / "shared" / "data"


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
