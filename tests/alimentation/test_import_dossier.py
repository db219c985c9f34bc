"""Import d'un dossier (issue 14, point 5) : tous les fichiers reconnus dans n'importe quel ordre,
les refusés mis de côté avec leur raison, le lot écrit en une fois ; import incrémental (ajouter un
fichier ne rejoue pas les autres) ; mémoire des lectures (un fichier gardé n'est pas relu)."""

from __future__ import annotations

import shutil

import pytest

from tests.alimentation.conftest import GEOGRAPHIE
from tests.conftest import lire
from vigie.alimentation import importation
from vigie.alimentation.importation import depot, dossier, ecriture, formats
from vigie.commandes import import_ as commande


def _dossier(tmp_path, fixture):
    """Un dossier comme ../shared/data : données avant la géographie dans l'ordre des noms, un
    sous-dossier, des contours de cantons, un CSV d'un autre type, une note de provenance."""
    racine = tmp_path / "donnees"
    (racine / "a_populations").mkdir(parents=True)
    (racine / "z_geographie").mkdir()
    shutil.copy(fixture("ensemble_pop_legales_2022.xlsx"), racine / "a_populations")
    shutil.copy(fixture("communes-29-extrait.geojson"), racine / "a_populations")
    shutil.copy(fixture("cantons-29-extrait.geojson"), racine / "a_populations")
    for nom in GEOGRAPHIE:
        shutil.copy(fixture(nom), racine / "z_geographie")
    (racine / "a_populations" / "effectifs_ecoles.csv").write_text(
        "Rentrée scolaire;Commune;Nombre d'élèves\n2023;Morlaix;120\n", encoding="utf-8"
    )
    (racine / "PROVENANCE.md").write_text("# Provenance\n", encoding="utf-8")
    return racine


def test_dossier_dans_le_desordre_refus_mis_de_cote(base_copie, fixture, tmp_path):
    racine = _dossier(tmp_path, fixture)
    fichiers, ignores = dossier.fichiers_du_dossier([racine])
    assert [p.name for p in ignores] == ["PROVENANCE.md"]
    rapport = dossier.importer_dossier([racine])
    statuts = {f.nom: f.statut for f in rapport.fichiers}
    assert statuts == {
        "ensemble_pop_legales_2022.xlsx": "importé",
        "communes-29-extrait.geojson": "importé",
        "v_mvt_commune_2026.csv": "importé",
        "v_commune_2026.csv": "importé",
        "EPCI_au_01-01-2024.xlsx": "importé",
        "cantons-29-extrait.geojson": "refusé",
        "effectifs_ecoles.csv": "refusé",
    }
    raisons = {f.nom: f.message for f in rapport.fichiers if f.statut == "refusé"}
    assert "ne sont pas ceux des communes" in raisons["cantons-29-extrait.geojson"]
    assert "type de fichier non reconnu" in raisons["effectifs_ecoles.csv"]
    # Géographie d'abord malgré l'ordre des noms : les populations sont aux codes actuels.
    assert lire(base_copie, "select count(*) from population_legale where annee = 2022") == [(4,)]
    assert sorted(e["nom"] for e in depot.lire_manifeste()) == sorted(
        n for n, s in statuts.items() if s == "importé"
    )


def test_commande_import_dossier(base_copie, fixture, tmp_path, capsys):
    racine = _dossier(tmp_path, fixture)
    parseur = __import__("argparse").ArgumentParser()
    commande.configurer(parseur)
    assert commande.executer(parseur.parse_args([str(racine)])) == 0
    sortie = capsys.readouterr()
    assert "Importé : v_commune_2026.csv" in sortie.out
    assert "Refusé : cantons-29-extrait.geojson" in sortie.err
    assert "Refusé : effectifs_ecoles.csv" in sortie.err


def test_ajout_incremental_et_memoire(base_copie, fixture, monkeypatch, avec_geographie):
    importation.importer(avec_geographie("ensemble_pop_legales_2022.xlsx"))
    ecrits, ouverts = [], []
    appliquer = ecriture.appliquer_lot
    ouvrir = formats.ouvrir

    def espion_ecrire(con, lot, etat=None):
        ecrits.append(lot.nom)
        return appliquer(con, lot, etat)

    def espion_ouvrir(chemin, nom=None):
        ouverts.append(nom)
        return ouvrir(chemin, nom)

    monkeypatch.setattr(ecriture, "appliquer_lot", espion_ecrire)
    monkeypatch.setattr(formats, "ouvrir", espion_ouvrir)
    # Un fichier de données en plus : lui seul est écrit, et lui seul est lu (mémoire).
    importation.importer([fixture("DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv")])
    assert ecrits == ["DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv"]
    assert ouverts == ["DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv"]
    assert lire(base_copie, "select count(*) from population_legale where annee = 2022") == [(4,)]
    assert lire(base_copie, "select count(*) from etat_civil_commune") != [(0,)]
    # Une géographie nouvelle change les codes de tous : tout est réécrit.
    ecrits.clear()
    importation.importer([fixture("epcicom2025.xlsx")])
    assert sorted(ecrits) == sorted(
        GEOGRAPHIE
        + [
            "ensemble_pop_legales_2022.xlsx",
            "DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv",
            "epcicom2025.xlsx",
        ]
    )
    # Retirer un fichier reconstruit la couche sans lui.
    ecrits.clear()
    depot.retirer("DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv")
    assert "DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv" not in ecrits
    assert lire(base_copie, "select count(*) from etat_civil_commune") == [(0,)]
    assert lire(base_copie, "select count(*) from population_legale where annee = 2022") == [(4,)]


def test_memoire_ignoree_si_fichier_change(base_copie, fixture, tmp_path):
    chemin = tmp_path / "donnees_communes_pop_legale_2021.csv"
    shutil.copy(fixture("donnees_communes_pop_legale_2021.csv"), chemin)
    premier = formats.lire(chemin)
    assert (
        formats.lire(chemin).tables["population_legale"].equals(premier.tables["population_legale"])
    )
    # Même nom, contenu changé (une commune en double) : relu, donc refusé, pas repris de la
    # mémoire.
    texte = chemin.read_text(encoding="utf-8")
    assert "29151;" in texte
    chemin.write_text(texte.replace("29151;", "29199;", 1), encoding="utf-8")
    with pytest.raises(importation.ErreurImport, match="en double"):
        formats.lire(chemin)
