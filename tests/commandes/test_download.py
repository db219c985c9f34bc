"""`python -m vigie download --importer` (issue 13) : les fichiers téléchargés sont importés par la
commande `import` elle-même, sans remonter à vigie.cli ; un serveur local sur 127.0.0.1 sert les
fichiers (aucun accès à Internet)."""

from __future__ import annotations

import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vigie.alimentation.importation import depot
from vigie.cli import principal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importeurs"
GEOGRAPHIE = ["v_mvt_commune_2026.csv", "v_commune_2026.csv", "EPCI_au_01-01-2024.xlsx"]


class Silencieux(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serveur(tmp_path):
    racine = tmp_path / "serveur"
    racine.mkdir()
    for nom in GEOGRAPHIE:
        shutil.copyfile(FIXTURES / nom, racine / nom)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Silencieux, directory=str(racine)))
    fil = threading.Thread(target=httpd.serve_forever, daemon=True)
    fil.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    fil.join()


def test_telecharge_puis_importe(serveur, base_copie, tmp_path, capsys):
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text(
        "nom;editeur;titre;url;page;adresse_verifiee\n"
        + "".join(f"{n};INSEE;essai;{serveur}/{n};https://www.insee.fr/;non\n" for n in GEOGRAPHIE),
        encoding="utf-8",
    )
    avant = base_copie.stat().st_mtime_ns
    code = principal(
        ["download", "--catalogue", str(catalogue), "--dossier", str(tmp_path / "t"), "--importer"]
    )
    sortie = capsys.readouterr()
    assert code == 0, sortie.err
    assert sorted(e["nom"] for e in depot.lire_manifeste()) == sorted(GEOGRAPHIE)
    assert "Terminé en" in sortie.out  # le message de la commande import
    # un classeur .xlsx est une archive ZIP : il doit être importé, pas déballé (il l'était)
    assert "Importé : EPCI_au_01-01-2024.xlsx" in sortie.out
    assert base_copie.stat().st_mtime_ns != avant


def test_rien_d_importe_sans_l_option(serveur, base_copie, tmp_path):
    catalogue = tmp_path / "catalogue.csv"
    nom = GEOGRAPHIE[0]
    catalogue.write_text(
        "nom;editeur;titre;url;page;adresse_verifiee\n"
        f"{nom};INSEE;essai;{serveur}/{nom};https://www.insee.fr/;non\n",
        encoding="utf-8",
    )
    code = principal(["download", "--catalogue", str(catalogue), "--dossier", str(tmp_path / "t")])
    assert code == 0
    assert (tmp_path / "t" / nom).read_bytes() == (FIXTURES / nom).read_bytes()
    assert depot.lire_manifeste() == []
