"""Le registre des services et la table des groupes d'âges (issue 13, points 2 et 4) : le registre
livré se lit, chaque incohérence est refusée avec le fichier, la ligne et la colonne, et les âges
des groupes ne sont écrits qu'une fois (data/reference/groupes_age.csv), joints par le SQL."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from models.projection import GROUPES_SERVICES
from models.projection.groupes import ErreurGroupesAge, lire_groupes
from vigie import chemins, textes
from vigie.stockage import catalogue_services as cs

RACINE = Path(__file__).resolve().parents[2]


@pytest.fixture
def reference(tmp_path, monkeypatch) -> Path:
    """Une copie du dossier de référence, visée par `VIGIE_REFERENCE`."""
    dossier = tmp_path / "reference"
    shutil.copytree(chemins.DOSSIER_REFERENCE, dossier)
    monkeypatch.setenv("VIGIE_REFERENCE", str(dossier))
    return dossier


def _remplacer(fichier: Path, ancien: str, nouveau: str) -> None:
    texte = fichier.read_text(encoding="utf-8")
    assert ancien in texte
    fichier.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")


def _ajouter(fichier: Path, ligne: str) -> int:
    """Ajoute une ligne et rend son numéro (1 = l'en-tête)."""
    lignes = fichier.read_text(encoding="utf-8").rstrip("\n").split("\n")
    fichier.write_text("\n".join([*lignes, ligne]) + "\n", encoding="utf-8")
    return len(lignes) + 1


def test_registre_livre():
    catalogue = cs.charger()
    codes = [s.code for s in catalogue.services]
    assert codes[:6] == [
        "petite_enfance", "ecole_maternelle", "ecole_elementaire", "college", "ehpad", "ssiad",
    ]  # fmt: skip
    assert textes.libelle_service("petite_enfance") == "Petite enfance (crèches)"
    assert textes.besoin_service("ehpad") == "lits d'EHPAD"
    assert textes.libelle_service("code_d_un_analyste") == "Code d un analyste"
    # La méthode par défaut de chaque service qui a un ratio est celle du registre, dans l'unité de
    # la demande.
    ratios = catalogue.ratios
    for s in catalogue.services:
        retenues = ratios[(ratios["service"] == s.code) & ratios["defaut"]]
        if s.ratio_reference:
            assert set(retenues["methode"]) == {s.ratio_reference}
            assert set(retenues["unite"]) == {s.unite_demande}
        else:
            assert retenues.empty
    assert cs.types_equipement("bpe")["D502"] == (
        "petite_enfance", "Établissement d'accueil du jeune enfant",
    )  # fmt: skip
    assert cs.types_equipement("finess")["500"][0] == "ehpad"
    assert cs.pilotes()["restauration_scolaire"] == (
        "commune", 3, 10, "enfants de 3 à 10 ans de la commune",
    )  # fmt: skip
    assert cs.nouveaux_equipements()["petite_enfance"] == "Nouvelle crèche"


def test_service_ajoute_dans_une_copie(reference):
    _ajouter(
        reference / "services.csv",
        "ludotheque;Ludothèques;places de ludothèque;Nouvelle ludothèque;3-5 ans|6-10 ans;places;"
        "places;animation;;130;;test",
    )
    _ajouter(
        reference / "ratios_demande.csv",
        "ludotheque;animation;Places pour 100 enfants de 3 à 10 ans;3;10;2;places;100;test;2024",
    )
    ludotheque = cs.service("ludotheque")
    assert (ludotheque.age_min, ludotheque.age_max) == (3, 10)
    assert cs.trier(["ludotheque", "ehpad"]) == ["ehpad", "ludotheque"]
    assert textes.libelle_service("ludotheque") == "Ludothèques"
    # Le dossier livré est inchangé.
    assert cs.charger(chemins.DOSSIER_REFERENCE).service("ludotheque") is None


@pytest.mark.parametrize(
    "fichier,ligne,colonne,attendu",
    [
        (
            "services.csv",
            "ludotheque;Ludothèques;;;3-12 ans;places;places;;;130;;test",
            "groupes_age",
            "groupe « 3-12 ans » absent de groupes_age.csv",
        ),
        (
            "services.csv",
            "ludotheque;Ludothèques;;;Ensemble;places;places;;bpe:Z999;130;;test",
            "types_equipement",
            "« bpe:Z999 » absent de types_equipement.csv",
        ),
        (
            "services.csv",
            "ludotheque;Ludothèques;;;Ensemble;places;places;animation;;130;;test",
            "ratio_reference",
            "méthode « animation » absente de ratios_demande.csv",
        ),
        (
            "services.csv",
            "ludotheque;Ludothèques;;;Ensemble;;places;;;10;;test",
            "ordre",
            "le rang 10 est déjà celui de « petite_enfance »",
        ),
        (
            "services.csv",
            "ehpad;EHPAD bis;;;Ensemble;;lits;;;130;;test",
            "code",
            "« ehpad » figure déjà ligne",
        ),
        (
            "ratios_demande.csv",
            "ludotheque;animation;Places;3;10;2;places;100;test;2024",
            "service",
            "service « ludotheque » absent de services.csv",
        ),
        (
            "ratios_demande.csv",
            "college;autre;Places;3;14;1;élèves;1;test;2024",
            "age_min",
            "âges 3-14 hors du public de « college » (11-14 ans",
        ),
    ],
)
def test_registre_incoherent_refuse_avec_fichier_ligne_colonne(
    reference, fichier, ligne, colonne, attendu
):
    numero = _ajouter(reference / fichier, ligne)
    with pytest.raises(cs.ErreurCatalogue) as erreur:
        cs.charger()
    message = str(erreur.value)
    assert attendu in message
    assert f"colonne « {colonne} »" in message
    if colonne != "ratio_reference":  # signalé à la ligne du registre, pas du fichier des ratios
        assert f"{fichier}, ligne {numero}" in message


def test_unite_du_ratio_par_defaut_differente(reference):
    _remplacer(reference / "services.csv", "lits;lits;global", "places;lits;global")
    with pytest.raises(
        cs.ErreurCatalogue, match=r"ratios_demande\.csv, ligne \d+, colonne « unite »"
    ):
        cs.charger()


def test_groupes_age_refuses_avec_ligne_et_colonne(tmp_path):
    fichier = tmp_path / "groupes_age.csv"
    texte = (RACINE / "data" / "reference" / "groupes_age.csv").read_text(encoding="utf-8")
    fichier.write_text(texte.replace("3-5 ans;3;5;", "3-5 ans;5;3;"), encoding="utf-8")
    with pytest.raises(ErreurGroupesAge, match=r"ligne 5, colonne « age_min »"):
        lire_groupes(fichier)


def test_groupes_age_ecrits_une_fois(base_demo):
    """La table groupe_age contient les groupes du CSV, les groupes de la projection sont les mêmes,
    et aucun fichier de sql/ ou de vigie/ n'écrit à nouveau les âges d'un groupe."""
    groupes = lire_groupes()
    con = duckdb.connect(str(base_demo), read_only=True)
    try:
        table = con.execute(
            "select groupe_age, age_min, age_max, projection from groupe_age order by rang"
        ).fetchall()
        vues = {
            nom: set(con.execute(f"select distinct groupe_age from {nom}").fetchall())  # noqa: S608
            for nom in ("mart_projection_groupe_age", "mart_population_groupe_age")
        }
    finally:
        con.close()
    assert table == [(g.nom, g.age_min, g.age_max, g.projection) for g in groupes]
    assert {(n,) for n in GROUPES_SERVICES} | {("Ensemble",)} == vues["mart_projection_groupe_age"]
    assert {(g.nom,) for g in groupes if g.recensement} == vues["mart_population_groupe_age"]
    # « ('0-2 ans', 0, 2) » ou « '0-2 ans': (0, 2) » : un groupe avec ses âges écrits à la main.
    motif = re.compile(r"['\"]\d+(-\d+)? ans( et plus)?['\"]\s*[,:]\s*\(?\s*\d+\s*,\s*\d+")
    for dossier in ("sql", "vigie", "models"):
        for chemin in (RACINE / dossier).rglob("*"):
            if chemin.suffix in (".sql", ".py") and chemin.is_file():
                assert not motif.search(chemin.read_text(encoding="utf-8")), chemin
