"""`python -m vigie download` (issue 3, point 3) face à un serveur HTTP local sur 127.0.0.1 qui
sert des fichiers de fixture : téléchargement, reprise après une interruption (HTTP Range), somme
de contrôle enregistrée, ZIP décompressé, messages hors ligne et de fichier déplacé en français, et
import de ce qui a été récupéré. Ces tests n'atteignent jamais internet."""

from __future__ import annotations

import hashlib
import io
import json
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import RACINE
from vigie.alimentation import telechargement

FIXTURE = (
    RACINE / "tests" / "fixtures" / "importeurs" / "EPCI_au_01-01-2024_Composition_communale.csv"
)


class AvecReprise(SimpleHTTPRequestHandler):
    """Un serveur statique qui honore `Range: bytes=N-` (comme les serveurs des éditeurs)."""

    plages: list[str] = []

    def log_message(self, *args):  # silencieux
        pass

    def do_GET(self):
        plage = self.headers.get("Range")
        if not plage:
            return super().do_GET()
        AvecReprise.plages.append(plage)
        chemin = Path(self.translate_path(self.path))
        donnees = chemin.read_bytes()
        debut = int(plage.removeprefix("bytes=").split("-")[0])
        morceau = donnees[debut:]
        self.send_response(206)
        self.send_header("Content-Length", str(len(morceau)))
        self.send_header("Content-Range", f"bytes {debut}-{len(donnees) - 1}/{len(donnees)}")
        self.end_headers()
        self.wfile.write(morceau)


@pytest.fixture
def serveur(tmp_path):
    racine = tmp_path / "serveur"
    racine.mkdir()
    (racine / FIXTURE.name).write_bytes(FIXTURE.read_bytes())
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as zip_:
        zip_.writestr("dossier/" + FIXTURE.name, FIXTURE.read_bytes())
        zip_.writestr("LISEZMOI.txt", "documentation")
    (racine / "archive.zip").write_bytes(tampon.getvalue())
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(AvecReprise, directory=str(racine)))
    fil = threading.Thread(target=httpd.serve_forever, daemon=True)
    fil.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _fichier(url: str, nom: str) -> telechargement.Fichier:
    return telechargement.Fichier(nom, "INSEE", "essai", url, "https://www.insee.fr/", False)


def test_telecharge_et_note_l_empreinte(serveur, tmp_path):
    dossier = tmp_path / "telechargements"
    suivi = []
    obtenus = telechargement.telecharger(
        _fichier(f"{serveur}/{FIXTURE.name}", FIXTURE.name),
        dossier,
        lambda nom, recu, total: suivi.append((recu, total)),
    )
    assert obtenus == [dossier / FIXTURE.name]
    assert obtenus[0].read_bytes() == FIXTURE.read_bytes()
    assert suivi[-1][0] == suivi[-1][1] == FIXTURE.stat().st_size
    manifeste = json.loads((dossier / "manifeste.json").read_text(encoding="utf-8"))
    assert manifeste[0]["sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert not list(dossier.glob("*.part"))


def test_reprend_un_telechargement_interrompu(serveur, tmp_path):
    dossier = tmp_path / "telechargements"
    dossier.mkdir()
    moitie = FIXTURE.stat().st_size // 2
    (dossier / (FIXTURE.name + ".part")).write_bytes(FIXTURE.read_bytes()[:moitie])
    AvecReprise.plages.clear()
    obtenus = telechargement.telecharger(
        _fichier(f"{serveur}/{FIXTURE.name}", FIXTURE.name), dossier
    )
    assert AvecReprise.plages == [f"bytes={moitie}-"]
    assert obtenus[0].read_bytes() == FIXTURE.read_bytes()


def test_archive_zip_deballee_sans_chemin(serveur, tmp_path):
    obtenus = telechargement.telecharger(
        _fichier(f"{serveur}/archive.zip", "archive.zip"), tmp_path
    )
    assert [p.name for p in obtenus] == [FIXTURE.name]
    assert obtenus[0].parent == tmp_path


def test_hors_ligne_message_clair(tmp_path):
    import socket

    with socket.socket() as s:  # un port que personne n'écoute : la connexion est refusée aussitôt
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(telechargement.ErreurTelechargement, match="pas de connexion"):
        telechargement.telecharger(_fichier(f"http://127.0.0.1:{port}/x.csv", "x.csv"), tmp_path)
    assert not (tmp_path / "x.csv").exists()


def test_fichier_deplace_nomme_la_page(serveur, tmp_path):
    with pytest.raises(telechargement.ErreurTelechargement, match="www.insee.fr"):
        telechargement.telecharger(_fichier(f"{serveur}/absent.xlsx", "absent.xlsx"), tmp_path)


def test_catalogue_livre_lisible():
    fichiers = telechargement.catalogue()
    assert fichiers
    for f in fichiers:
        assert f.groupe and f.sert_a and f.formats, f.nom
        assert not f.url or f.url.startswith("https://"), f.nom
        if f.livre:
            assert (RACINE / f.page).is_file(), f.nom  # un modèle livré existe dans le dépôt
        else:
            assert f.page.startswith("https://"), f.nom


def test_le_catalogue_couvre_chaque_fichier_que_vigie_sait_lire():
    """Chaque format d'import (la liste des lecteurs, pas une copie) a son entrée au catalogue :
    une page qui le lit a toujours un fichier à nommer et une page où le prendre (issue 14)."""
    from vigie.alimentation.importation import formats

    couverts = {cle for f in telechargement.catalogue() for cle in f.formats}
    lisibles = {fmt.cle for fmt in formats.FORMATS}
    assert lisibles - couverts == set()
    assert couverts - lisibles == set()  # pas de format inventé au catalogue


def test_un_fichier_sans_adresse_dit_ou_le_prendre_et_ou_le_deposer(tmp_path):
    bpe = next(f for f in telechargement.catalogue() if "bpe" in f.formats)
    assert not bpe.url
    with pytest.raises(telechargement.ErreurTelechargement) as erreur:
        telechargement.telecharger(bpe, tmp_path)
    message = str(erreur.value)
    assert bpe.page in message and str(tmp_path) in message
    assert f"python -m vigie import {tmp_path}" in message
    assert not list(tmp_path.iterdir())  # rien d'écrit


def test_hors_ligne_le_message_nomme_la_page_et_le_dossier(tmp_path, monkeypatch):
    import urllib.error
    import urllib.request

    def hors_ligne(*args, **kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", hors_ligne)
    ensemble = next(f for f in telechargement.catalogue() if f.nom == "ensemble.xlsx")
    with pytest.raises(telechargement.ErreurTelechargement) as erreur:
        telechargement.telecharger(ensemble, tmp_path)
    message = str(erreur.value)
    assert "pas de connexion" in message and ensemble.page in message
    assert f"python -m vigie import {tmp_path}" in message


def test_deja_dans_la_base_selon_le_manifeste():
    fichiers = telechargement.catalogue()
    presents = telechargement.presents(fichiers, [{"nom": "x.csv", "format": "rp_age_detaille"}])
    recensement = next(f for f in fichiers if "rp_age_detaille" in f.formats)
    assert presents[recensement.nom]
    assert sum(presents.values()) == 1


def test_commande_liste_et_telecharge(serveur, env_base, tmp_path):
    import shutil

    from vigie.cli import principal

    base = tmp_path / "vigie.duckdb"
    shutil.copy(env_base, base)
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text(
        "nom;editeur;titre;url;page;adresse_verifiee\n"
        f"{FIXTURE.name};INSEE;composition;{serveur}/{FIXTURE.name};https://www.insee.fr/;non\n",
        encoding="utf-8",
    )
    code = principal(
        ["download", "--catalogue", str(catalogue), "--dossier", str(tmp_path / "t"), "--liste"]
    )
    assert code == 0
    code = principal(["download", "--catalogue", str(catalogue), "--dossier", str(tmp_path / "t")])
    assert code == 0
    assert (tmp_path / "t" / FIXTURE.name).read_bytes() == FIXTURE.read_bytes()
