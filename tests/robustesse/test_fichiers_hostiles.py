"""Fichiers hostiles (issue 17) : chacun refusé en français, nommant le fichier, sans trace Python,
en mémoire bornée ; les témoins valides passent ; un refus ne change rien à la base.

Les cas sont fabriqués par `fichiers_hostiles.cas()` dans le dossier temporaire du test.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustesse import fichiers_hostiles
from vigie.alimentation import importation
from vigie.alimentation.importation import formats, lecture
from vigie.alimentation.importation.depot import ErreursImport
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.format_fr import nombre as en_chiffres

RACINE = Path(__file__).resolve().parents[2]
CAS = fichiers_hostiles.cas()
# Mots d'une trace ou d'un message d'exception anglais, qui ne doivent pas atteindre l'utilisateur.
ANGLAIS = ("Traceback", "Error:", "Exception", "object has no attribute", "invalid literal")


def _francais(message: str) -> None:
    assert not any(mot in message for mot in ANGLAIS), message
    assert any(mot in message for mot in (" le ", " la ", " les ", " de ", " du ", " un ")), message


@pytest.mark.parametrize("cas", CAS, ids=[c.nom for c in CAS])
def test_fichier_hostile_refuse_en_francais_ou_temoin_lu(cas, tmp_path):
    chemin = cas.fabriquer(tmp_path)
    if cas.attendu == "accepte":
        lot = formats.lire(chemin, garder=False)
        assert lot.lignes > 0
        return
    with pytest.raises(ErreurImport) as refus:
        formats.lire(chemin, garder=False)
    message = str(refus.value)
    assert message.startswith(chemin.name), message  # le fichier est nommé en tête
    _francais(message)


def test_nombres_impossibles_nomment_ligne_et_colonne(tmp_path):
    """inf, 1e309, 9e20, 12,75 : ligne 2, colonne PMUN, et ce qu'il faut faire."""
    for valeur in ("inf", "1e309", "9e20", "12,75", "3000000"):
        chemin = fichiers_hostiles._population(valeur)(tmp_path)
        with pytest.raises(ErreurImport) as refus:
            formats.lire(chemin, garder=False)
        assert "ligne 2" in str(refus.value) and "PMUN" in str(refus.value), str(refus.value)


def test_virgule_decimale_dans_un_csv_a_virgules_refusee_a_sa_ligne(tmp_path):
    """Les colonnes ne sont plus décalées en silence (PTOT lu 10 au lieu de 1 011,5)."""
    cas = next(c for c in CAS if c.nom == "virgule séparatrice et virgules décimales")
    with pytest.raises(ErreurImport, match="ligne 2.*décalées"):
        formats.lire(cas.fabriquer(tmp_path), garder=False)


def test_contour_qui_se_recoupe_repare_et_signale(tmp_path):
    cas = next(c for c in CAS if c.nom == "GeoJSON polygone qui se recoupe")
    lot = formats.lire(cas.fabriquer(tmp_path), garder=False)
    assert any("réparés" in r for r in lot.remarques)
    import json

    import shapely
    from shapely.geometry import shape

    forme = shape(json.loads(lot.tables["commune_geo"]["geojson"].iloc[0]))
    assert forme.is_valid and forme.area > 0
    assert shapely.get_num_coordinates(forme) >= 4


def test_classeur_lointain_avec_donnees_refuse_avant_lecture(tmp_path):
    """Un tableau en A1 et une cellule égarée en XFD1048576 : 17 milliards de cellules à réserver."""
    chemin = tmp_path / "egare.xlsx"
    fichiers_hostiles._ecrire_xlsx(
        chemin,
        '<?xml version="1.0" encoding="UTF-8"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>CODGEO</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
    )
    with pytest.raises(ErreurImport, match="XFD1048576"):
        formats.lire(chemin, garder=False)


def test_classeur_bombe_refuse_avant_decompression(tmp_path, monkeypatch):
    """Une bombe zip : la taille décompressée annoncée est lue avant toute décompression.

    La limite est abaissée à 64 Mio pour fabriquer une bombe de 70 Mio en peu de temps ; le
    contrôle est le même qu'à 512 Mio."""
    monkeypatch.setattr(lecture, "DECOMPRESSE_MAX_OCTETS", 64 << 20)
    chemin = fichiers_hostiles.classeur_bombe(tmp_path, mio=70)
    assert chemin.stat().st_size < 2 << 20  # moins de 2 Mo sur le disque
    with pytest.raises(ErreurImport, match="trop volumineux une fois décompressé") as refus:
        formats.lire(chemin, garder=False)
    _francais(str(refus.value))


def _empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def test_refus_a_l_import_ne_change_rien_a_la_base(base_demo, tmp_path, monkeypatch):
    """Par la vraie porte d'import : chaque refus laisse la base identique à l'octet près."""
    base = tmp_path / "vigie.duckdb"
    shutil.copy(base_demo, base)
    monkeypatch.setenv("VIGIE_BASE", str(base))
    monkeypatch.setenv("VIGIE_BASE_UTILISATEUR", str(tmp_path / "utilisateur.duckdb"))
    avant = _empreinte(base)
    choisis = [c for c in CAS if c.attendu == "refus"][::8]  # un sur huit : la porte est la même
    for cas in choisis:
        dossier = tmp_path / f"cas_{CAS.index(cas)}"
        dossier.mkdir()
        with pytest.raises((ErreursImport, ErreurImport)):
            importation.importer([cas.fabriquer(dossier)], base=base)
        assert _empreinte(base) == avant, cas.nom
    assert (
        not list((tmp_path / "utilisateur").glob("imports/*"))
        if (tmp_path / "utilisateur").exists()
        else True
    )


def test_csv_enorme_refuse_en_memoire_bornee(tmp_path):
    """30 Mo de « populations légales » (un demi-million de lignes) : refusé sans dépasser ~1 Go
    (avant : 4,9 Go et 5 min pour 200 Mo, tout le texte découpé en mémoire).

    La mesure est la mémoire résidente maximale d'un processus à part (ru_maxrss), qui ne dépend
    pas de la charge de la machine.
    """
    chemin = tmp_path / fichiers_hostiles.NOM_POP
    fichiers_hostiles.flux_csv_enorme(chemin, 30 << 20)
    programme = (
        "import resource, sys\n"
        "from vigie.alimentation.importation import formats\n"
        "from vigie.alimentation.importation.erreurs import ErreurImport\n"
        "try:\n"
        f"    formats.lire({str(chemin)!r}, garder=False)\n"
        "    print('ACCEPTE')\n"
        "except ErreurImport as e:\n"
        "    print('REFUS', e)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(RACINE)}
    sortie = subprocess.run(
        [sys.executable, "-c", programme], capture_output=True, text=True, env=env, cwd=RACINE
    )
    assert sortie.returncode == 0, sortie.stderr[-2000:]
    lignes = sortie.stdout.strip().splitlines()
    assert lignes[0].startswith("REFUS") and "lignes de données" in lignes[0], lignes
    ko = int(lignes[-1])
    ko = ko // 1024 if sys.platform == "darwin" else ko  # octets sous macOS, Ko sous Linux
    assert ko < 1_000_000, f"{ko} Ko"


@pytest.mark.parametrize(
    "fabriquer",
    [
        fichiers_hostiles._ods_lointain,
        fichiers_hostiles._ods_repete,
        fichiers_hostiles._xls_colonne_forgee,
        lambda dossier: fichiers_hostiles.ecrire_xls(
            dossier / "dimensions_forgees.xls", [(0, 0, 1.0)], dimensions=(65536, 65535)
        ),
    ],
    ids=["ods XFD1048576", "ods répété", "xls colonne forgée", "xls DIMENSIONS forgé"],
)
def test_classeur_ods_ou_xls_demesure_refuse_avant_sa_lecture(fabriquer, tmp_path, monkeypatch):
    """Comme pour un .xlsx : la surface est mesurée avant que python-calamine ne réserve la
    feuille (1 à 2 Go, ou l'arrêt net du processus, pour des fichiers de quelques Ko)."""
    from python_calamine import CalamineWorkbook

    def jamais(*_args, **_options):
        raise AssertionError("classeur ouvert par python-calamine avant le contrôle de surface")

    monkeypatch.setattr(CalamineWorkbook, "from_path", jamais)
    chemin = fabriquer(tmp_path)
    with pytest.raises(ErreurImport) as refus:
        lecture.ouvrir(chemin)
    message = str(refus.value)
    assert message.startswith(chemin.name), message
    # La limite elle-même, écrite comme dans le message (sans la recopier : issue 17 l'a abaissée).
    assert f"au-delà de {en_chiffres(lecture.CELLULES_MAX)} cellules" in message, message
    _francais(message)


def test_petits_classeurs_ods_et_xls_lus(tmp_path):
    """Les témoins : un .xls de deux nombres et un .ods fini comme LibreOffice le finit (un bloc
    vide répété sur le million de lignes restantes) passent le contrôle et sont lus."""
    xls = fichiers_hostiles.ecrire_xls(tmp_path / "petit.xls", [(0, 0, 1.0), (2, 3, 4.5)])
    (feuille,) = lecture.ouvrir(xls).feuilles
    assert feuille.lignes[2][3] == 4.5
    ods = fichiers_hostiles.ods_population(tmp_path)
    (feuille,) = lecture.ouvrir(ods).feuilles
    assert len(feuille.lignes) == 2 and feuille.lignes[1][6] == "29151"
