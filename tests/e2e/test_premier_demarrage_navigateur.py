"""Premier démarrage à plusieurs onglets (issue 16) : trois onglets ouverts en même temps sur un
dossier de données vide, dont deux rechargés pendant la construction, arrivent tous à l'accueil,
et une seule construction a eu lieu.

Avant l'issue 16, chaque session construisait de son côté dans `vigie.duckdb.tmp-<pid>` (le même
pid pour toutes) et effaçait le fichier des autres : deux onglets montraient « La construction de
la base a échoué », le troisième une trace d'erreur, et il ne restait aucune base.

Pour que « pendant la construction » ne dépende d'aucun délai, le test tient d'abord le verrou
d'écriture du dossier (comme le ferait un import en cours dans un autre programme) : la
construction du serveur attend, chaque onglet le montre, on en recharge un ; puis le test relâche
le verrou et recharge un autre onglet dès que la construction du serveur le tient (l'état du
verrou le dit), avant qu'elle ait fini (la base n'est pas encore là).

Pas d'attente d'un texte d'étape de la construction dans l'onglet : les étapes de chargement durent
moins d'une seconde et, sur une machine chargée, l'onglet peut passer de l'attente à l'accueil sans
en avoir montré une (vu en CI : « Chargement de » attendu 300 s).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import verrou_tenu
from tests.e2e.navigateur import ATTENTE_MS, serveur_vigie
from vigie.stockage import integrite, verrou

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ADRESSE = "/?niveau=territoire&code=PAYSDEMO&horizon=2050"
ACCUEIL = "Chiffres clés au 1er janvier 2021"


def attendre_la_construction(base: Path) -> None:
    """Attendre que la construction du serveur tienne le verrou d'écriture du dossier de `base`."""
    limite = time.monotonic() + ATTENTE_MS / 1000
    while (qui := verrou.occupant(base)) is None or qui.quoi != "construction de la base":
        assert not base.exists(), "la construction a fini sans avoir été vue en cours"
        assert time.monotonic() < limite, f"pas de construction en cours ({qui})"
        time.sleep(0.05)  # scrutation d'un fichier d'état, pas une synchronisation par délai


def test_trois_onglets_au_premier_demarrage_une_seule_construction(
    previsions_demo, chromium, tmp_path
):
    base = tmp_path / "donnees" / "vigie.duckdb"
    base.parent.mkdir()
    env = {
        "VIGIE_BASE": str(base),
        "VIGIE_BASE_UTILISATEUR": str(tmp_path / "utilisateur" / "u.duckdb"),
        # des prévisions déjà là : le lot d'arrière-plan ne se lance pas (machine de 2 cœurs)
        "VIGIE_PREVISIONS": str(previsions_demo),
    }
    erreurs: list[str] = []
    # Le test tient le verrou comme un import en cours dans un autre programme.
    with verrou_tenu(base, "import de fichiers") as relacher:
        with serveur_vigie(env) as (url, _):
            contexte = chromium.new_context(viewport={"width": 1400, "height": 1400})
            onglets = [contexte.new_page() for _ in range(3)]
            for onglet in onglets:
                onglet.on("pageerror", lambda e: erreurs.append(str(e)))
                onglet.goto(url + ADRESSE, wait_until="commit")
            attente = "Import de fichiers en cours dans un autre programme"
            for onglet in onglets:
                onglet.get_by_text(attente).first.wait_for(timeout=ATTENTE_MS)
            assert not base.exists()
            onglets[1].reload(wait_until="commit")  # rechargé pendant l'attente
            onglets[1].get_by_text(attente).first.wait_for(timeout=ATTENTE_MS)

            relacher.set()
            attendre_la_construction(base)
            onglets[2].reload(wait_until="commit")  # rechargé pendant la construction
            assert not base.exists(), "rechargé après la fin de la construction"

            for onglet in onglets:
                # la construction entière (trente secondes sur une machine calme)
                onglet.get_by_text(ACCUEIL).first.wait_for(timeout=2 * ATTENTE_MS)
                texte = onglet.inner_text("body")
                assert "a échoué" not in texte and "Traceback" not in texte
            contexte.close()

    assert not erreurs, erreurs
    journal = verrou.journal(base).read_text(encoding="utf-8").splitlines()
    assert [ligne for ligne in journal if "construction terminée" in ligne] == [
        ligne for ligne in journal
    ], journal
    assert len(journal) == 1, journal
    assert integrite.diagnostiquer(base, complet=True) is None
    assert not list(base.parent.glob("vigie.duckdb.tmp-*"))
    assert Path(integrite.chemin_releve(base)).exists()
