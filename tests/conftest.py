"""Fixtures partagées : la base de démonstration et ses prévisions construites une fois par session
de tests (jamais reconstruites par un test qui peut s'en passer : copiez-la, avec
`integrite.copier` qui garde son relevé d'empreintes), le dossier des données ouvertes réelles, et
un lanceur AppTest qui ouvre l'application sur un territoire choisi par son adresse.

Les tests longs (constructions complètes, processus tués, navigateur) portent la marque `slow` :
`pytest -m "not slow"` pendant le développement ; l'intégration continue lance tout."""

from __future__ import annotations

from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
DONNEES_PARTAGEES = RACINE.parent / "shared" / "data"


@pytest.fixture(scope="session")
def base_demo(tmp_path_factory) -> Path:
    """Le territoire de démonstration construit depuis les fichiers livrés dans une base
    temporaire (une fois par session).

    Les imports du développeur (data/utilisateur/imports) ne sont pas rejoués : les tests voient
    la démonstration seule.
    """
    from vigie.alimentation import construction

    chemin = tmp_path_factory.mktemp("base") / "vigie.duckdb"
    construction.construire(chemin=chemin, rejouer_imports=False)
    return chemin


@pytest.fixture(scope="session")
def previsions_demo(base_demo) -> Path:
    """Les prévisions des séries d'usage de la démonstration (candidats rapides seulement, pour une
    suite courte ; une fois par session)."""
    from vigie.alimentation import previsions

    chemin = base_demo.with_name("previsions.duckdb")
    previsions.calculer_previsions(
        base_demo,
        chemin,
        processus=2,
        candidats=["naive", "naive_saisonniere", "ets_additif", "theta"],
    )
    return chemin


@pytest.fixture
def env_base(base_demo, tmp_path, monkeypatch) -> Path:
    """L'application et les commandes pointées sur la base de démonstration et une base
    utilisateur neuve (pas de fichier de prévisions : les pages qui en ont besoin sont testées avec
    `env_previsions`)."""
    monkeypatch.setenv("VIGIE_BASE", str(base_demo))
    monkeypatch.setenv("VIGIE_BASE_UTILISATEUR", str(tmp_path / "utilisateur.duckdb"))
    monkeypatch.setenv("VIGIE_PREVISIONS", str(tmp_path / "sans_previsions.duckdb"))
    return base_demo


@pytest.fixture
def env_previsions(env_base, previsions_demo, monkeypatch) -> Path:
    """Comme `env_base`, avec les prévisions de la démonstration."""
    monkeypatch.setenv("VIGIE_PREVISIONS", str(previsions_demo))
    return previsions_demo


@pytest.fixture
def donnees_partagees() -> Path:
    """Les fichiers réels INSEE/IGN/DGCL de ../shared/data ; le test est ignoré sans eux."""
    if not DONNEES_PARTAGEES.is_dir():
        pytest.skip("dossier ../shared/data absent (données ouvertes réelles)")
    return DONNEES_PARTAGEES


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
