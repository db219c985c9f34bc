"""Un test par sorte d'entrée fautive : chacune est refusée par un message en français qui nomme le
fichier, la ligne et la colonne, et dit quoi faire ; et un import refusé laisse la base exactement
comme elle était."""

from __future__ import annotations

import hashlib

import pytest

from vigie.alimentation import importation
from vigie.alimentation.importation import depot, formats, lecture
from vigie.alimentation.importation.erreurs import ErreurImport

ENTETE_PL = (
    "Code région;Nom de la région;Code département;Code arrondissement;Code canton;"
    "Code commune;Nom de la commune;Population municipale;Population comptée à part;"
    "Population totale"
)
TITRE_PL = "# Date de référence statistique : 1er janvier 2022"


def ecrire(tmp_path, nom: str, texte: str | bytes, encodage: str = "utf-8"):
    chemin = tmp_path / nom
    chemin.write_bytes(texte if isinstance(texte, bytes) else texte.encode(encodage))
    return chemin


def refus(chemin) -> ErreurImport:
    with pytest.raises(ErreurImport) as info:
        formats.lire(chemin)
    return info.value


def test_encodage_illisible(tmp_path):
    # Octets UTF-16 : un texte ni UTF-8 ni Windows-1252.
    chemin = ecrire(tmp_path, "pl.csv", f"{TITRE_PL}\n{ENTETE_PL}\n", encodage="utf-16")
    erreur = refus(chemin)
    assert "encodage" in erreur.probleme and "UTF-8" in erreur.conseil
    assert erreur.ligne == 1
    # Des octets ni UTF-8 ni Windows-1252 (0x81 n'est pas attribué), en ligne 3.
    octets = f"{TITRE_PL}\n{ENTETE_PL}\n53;B;29;3;10;151;Morl".encode() + b"\x81ix;1;2;3\n"
    erreur = refus(ecrire(tmp_path, "pl2.csv", octets))
    assert "encodage illisible" in erreur.probleme and erreur.ligne == 3


def test_windows_1252_accepte(tmp_path):
    texte = f"{TITRE_PL}\r\n{ENTETE_PL}\r\n53;Bretagne;29;3;10;151;Morlaix;15220;300;15520\r\n"
    lot = formats.lire(ecrire(tmp_path, "pl.csv", texte, encodage="cp1252"))
    assert lot.tables["population_legale"].iloc[0]["code_commune"] == "29151"


def test_separateur_inconnu(tmp_path):
    chemin = ecrire(tmp_path, "x.csv", "CODGEO LIBGEO EPCI\n29151 Morlaix 242900835\n")
    erreur = refus(chemin)
    assert "séparateur" in erreur.probleme and erreur.ligne == 1


def test_colonne_absente_ou_renommee(tmp_path):
    entete = ENTETE_PL.replace("Population totale", "Pop totale")
    chemin = ecrire(tmp_path, "pl.csv", f"{TITRE_PL}\n{entete}\n53;B;29;3;10;151;M;1;2;3\n")
    erreur = refus(chemin)
    assert erreur.colonne == "Population totale"
    assert "renommée" in erreur.probleme and erreur.ligne == 2


def test_valeur_non_numerique(tmp_path):
    chemin = ecrire(
        tmp_path, "pl.csv", f"{TITRE_PL}\n{ENTETE_PL}\n53;B;29;3;10;151;Morlaix;quinze mille;1;2\n"
    )
    erreur = refus(chemin)
    assert (erreur.ligne, erreur.colonne) == (3, "Population municipale")
    assert "n'est pas un nombre" in erreur.probleme


def test_cle_en_double(tmp_path):
    lignes = "53;B;29;3;10;151;Morlaix;10;1;11\n53;B;29;3;10;151;Morlaix;12;1;13\n"
    erreur = refus(ecrire(tmp_path, "pl.csv", f"{TITRE_PL}\n{ENTETE_PL}\n{lignes}"))
    assert "double" in erreur.probleme and erreur.ligne == 4


def test_effectif_negatif(tmp_path):
    chemin = ecrire(tmp_path, "pl.csv", f"{TITRE_PL}\n{ENTETE_PL}\n53;B;29;3;10;151;M;-5;1;2\n")
    erreur = refus(chemin)
    assert "négatif" in erreur.probleme and erreur.colonne == "Population municipale"


def test_fichier_vide(tmp_path):
    assert "vide" in refus(ecrire(tmp_path, "vide.csv", b"")).probleme
    assert "vide" in refus(ecrire(tmp_path, "commentaires.csv", "# titre\n# autre\n")).probleme


def test_fichier_d_un_autre_genre(tmp_path):
    erreur = refus(ecrire(tmp_path, "notes.csv", "nom;prénom\nDupont;Anne\n"))
    assert "non reconnu" in erreur.probleme
    assert "composition communale des EPCI" in erreur.conseil  # dit ce qui est accepté
    archive = tmp_path / "archive.zip"
    import zipfile

    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.csv", "x")
    assert "archive ZIP" in refus(archive).probleme


def test_fichier_trop_volumineux(tmp_path, monkeypatch):
    monkeypatch.setattr(lecture, "TAILLE_MAX_OCTETS", 100)
    chemin = ecrire(tmp_path, "gros.csv", f"{TITRE_PL}\n{ENTETE_PL}\n" + "x" * 200)
    erreur = refus(chemin)
    assert "trop volumineux" in erreur.probleme and "Filtrez" in erreur.conseil


def test_code_commune_invalide(tmp_path):
    chemin = ecrire(
        tmp_path,
        "u.csv",
        "id_serie;service;indicateur;unite;code_commune;periode;"
        "valeur\nS1;piscine;entrées;entrées;Morlaix;2024-01;10\n",
    )
    erreur = refus(chemin)
    assert erreur.colonne == "code_commune" and erreur.ligne == 2


def test_periode_illisible_et_serie_incoherente(tmp_path):
    entete = "id_serie;service;indicateur;unite;code_commune;periode;valeur\n"
    erreur = refus(ecrire(tmp_path, "u.csv", entete + "S1;piscine;entrées;entrées;;mars;10\n"))
    assert erreur.colonne == "periode" and "AAAA-MM" in erreur.conseil
    lignes = "S1;piscine;entrées;entrées;;2024-01;10\nS1;piscine;entrées;m³;;2024-02;10\n"
    erreur = refus(ecrire(tmp_path, "u2.csv", entete + lignes))
    assert erreur.colonne == "unite" and erreur.ligne == 3


def test_message_complet():
    erreur = ErreurImport(
        "f.csv", "valeur manquante.", "Complétez-la.", ligne=4, colonne="PMUN", feuille="Communes"
    )
    assert erreur.message == (
        "f.csv (feuille « Communes », ligne 4, colonne « PMUN ») : valeur manquante. Complétez-la."
    )


# ---------------------------------------------------------------------- atomicité dans la base
def empreinte(chemin) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def test_un_fichier_refuse_laisse_la_base_inchangee(base_copie, fixture, tmp_path):
    avant = empreinte(base_copie)
    mauvais = ecrire(tmp_path, "pl.csv", f"{TITRE_PL}\n{ENTETE_PL}\n53;B;29;3;10;151;M;x;1;2\n")
    with pytest.raises(importation.ErreursImport) as info:
        importation.importer([fixture("v_commune_2026.csv"), mauvais])
    assert [e.fichier for e in info.value.erreurs] == ["pl.csv"]
    assert empreinte(base_copie) == avant
    assert depot.lire_manifeste() == []  # le bon fichier n'a pas été gardé non plus


def test_code_commune_inconnu_refuse_a_l_ecriture_sans_rien_changer(base_copie, fixture):
    avant = empreinte(base_copie)
    # Populations légales sans aucune géographie importée : chaque code est inconnu.
    with pytest.raises(ErreurImport) as info:
        importation.importer([fixture("ensemble_pop_legales_2022_Communes_extrait.csv")])
    erreur = info.value
    assert "inconnu" in erreur.probleme and erreur.colonne == "Code commune"
    assert erreur.ligne == 11  # 9 lignes de commentaire, l'en-tête, puis la première commune
    assert "Importez d'abord la géographie" in erreur.conseil
    assert empreinte(base_copie) == avant
    assert depot.lire_manifeste() == []
    assert not list(base_copie.parent.glob("*.tmp-import-*"))  # aucun fichier temporaire laissé


def test_contours_de_cantons_refuses(base_copie, fixture):
    importation.importer([fixture(n) for n in ("v_mvt_commune_2026.csv", "v_commune_2026.csv")])
    avant = empreinte(base_copie)
    with pytest.raises(ErreurImport) as info:
        importation.importer([fixture("cantons-29-extrait.geojson")])
    assert "ne sont pas ceux des communes" in info.value.probleme
    assert empreinte(base_copie) == avant
