"""Les fichiers de vues de sql/views (issue 8) : `python -m vigie check` nomme le fichier, la ligne
et la colonne de chaque erreur, le modèle est une vue valide qui n'est pas prise en compte
d'elle-même, et le catalogue de l'application voit un fichier de vue nouveau, modifié ou supprimé
sans redémarrage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vigie import chemins, cli
from vigie.stockage import lecture, verification, vues

ENTETE = (
    "-- titre: Essai\n"
    "-- description: Une vue d'essai\n"
    "-- grain: une ligne par commune\n"
    "-- unite: habitants\n"
    "-- source: INSEE\n"
)
MODELE = chemins.DOSSIER_VUES / "_modele.sql.txt"


def _ecrire(dossier: Path, nom: str, texte: str) -> Path:
    chemin = dossier / nom
    chemin.write_bytes(texte.encode("utf-8") if isinstance(texte, str) else texte)
    return chemin


@pytest.fixture
def vues_cassees(tmp_path) -> Path:
    dossier = tmp_path / "vues"
    dossier.mkdir()
    _ecrire(
        dossier,
        "syntaxe.sql",
        ENTETE + "create or replace view syntaxe as\nselect *\nfrom commune\nwhere x = = 1\n",
    )
    _ecrire(
        dossier,
        "entete.sql",
        "-- titre: T\n-- description: D\n-- grain: g\n-- source: s\n"
        "create or replace view entete as select 1 as x\n",
    )
    _ecrire(
        dossier,
        "deux.sql",
        ENTETE + "create or replace view deux as select 1 as x;\n\nselect 2;\n",
    )
    _ecrire(dossier, "mauvais_nom.sql", ENTETE + "create or replace view autre as select 1 as x\n")
    _ecrire(
        dossier,
        "table_inconnue.sql",
        ENTETE + "create or replace view table_inconnue as\nselect *\nfrom communes\n",
    )
    _ecrire(
        dossier,
        "colonne_inconnue.sql",
        ENTETE
        + "create or replace view colonne_inconnue as\nselect\n    code_commune,\n"
        + "    nom_communee\nfrom commune\n",
    )
    _ecrire(
        dossier,
        "dependante.sql",
        ENTETE + "create or replace view dependante as select * from colonne_inconnue\n",
    )
    _ecrire(dossier, "Majuscule.sql", ENTETE + "create or replace view Majuscule as select 1\n")
    _ecrire(
        dossier,
        "latin1.sql",
        (ENTETE + "create view latin1 as select 'é' as x\n").encode("latin-1"),
    )
    _ecrire(dossier, "pas_une_vue.sql", ENTETE + "select 1 as x\n")
    _ecrire(
        dossier,
        "cle_inconnue.sql",
        ENTETE + "-- auteur: moi\ncreate or replace view cle_inconnue as select 1 as x\n",
    )
    _ecrire(dossier, "bonne.sql", ENTETE + "create or replace view bonne as select 1 as x\n")
    return dossier


ATTENDUES = {
    "syntaxe.sql": "syntaxe.sql, ligne 9, colonne 11 : erreur de syntaxe près de « = »",
    "entete.sql": "entete.sql, ligne 1 : en-tête incomplet, il manque : unite",
    "deux.sql": "deux.sql, ligne 8, colonne 1 : le fichier doit contenir une seule instruction, "
    "il en contient 2",
    "mauvais_nom.sql": "mauvais_nom.sql, ligne 6 : l'instruction doit être « create or replace "
    "view mauvais_nom as ... »",
    "table_inconnue.sql": "table_inconnue.sql, ligne 8, colonne 6 : table ou vue inconnue "
    "« communes » ; vouliez-vous dire « commune » ?",
    "colonne_inconnue.sql": "colonne_inconnue.sql, ligne 9, colonne 5 : colonne inconnue "
    "« nom_communee »",
    "dependante.sql": "dependante.sql, ligne 6, colonne 52 : elle lit la vue colonne_inconnue, "
    "elle-même en erreur",
    "Majuscule.sql": "Majuscule.sql : le nom du fichier doit commencer par une lettre minuscule",
    "latin1.sql": "latin1.sql : le fichier n'est pas encodé en UTF-8",
    "pas_une_vue.sql": "pas_une_vue.sql, ligne 6 : l'instruction doit être « create or replace "
    "view pas_une_vue as ... »",
    "cle_inconnue.sql": "cle_inconnue.sql, ligne 6 : clé d'en-tête inconnue « auteur »",
}


def test_check_nomme_fichier_ligne_et_colonne(base_demo, vues_cassees):
    resultat = verification.verifier(base_demo, vues_cassees)
    for fichier, attendu in ATTENDUES.items():
        trouvees = [e for e in resultat.erreurs if e.startswith(fichier)]
        assert trouvees, f"aucune erreur pour {fichier} : {resultat.erreurs}"
        assert any(e.startswith(attendu) for e in trouvees), trouvees
    assert not [e for e in resultat.erreurs if e.startswith("bonne.sql")]
    assert any(m.startswith("bonne.sql : Essai") for m in resultat.messages_ok)


def test_commande_check_code_retour_et_sortie(base_demo, vues_cassees, capsys):
    assert cli.principal(["check", "--base", str(base_demo), "--vues", str(vues_cassees)]) == 1
    sortie = capsys.readouterr()
    assert "ERREUR  syntaxe.sql, ligne 9, colonne 11" in sortie.err
    assert f"{len(ATTENDUES)} erreur(s)." in sortie.err
    assert "OK  bonne.sql" in sortie.out


def test_check_dossier_absent(base_demo, tmp_path, capsys):
    assert cli.principal(["check", "--base", str(base_demo), "--vues", str(tmp_path / "x")]) == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_vues_livrees_valides(base_demo):
    resultat = verification.verifier(base_demo)
    assert resultat.erreurs == []
    noms = {v.nom for v in vues.lister_vues()}
    assert "mart_part_75_ans_plus" in noms and "_modele" not in noms


def test_modele_est_une_vue_valide(base_demo, tmp_path):
    dossier = tmp_path / "vues"
    dossier.mkdir()
    shutil.copy(MODELE, dossier / "mart_nom_de_ma_vue.sql")
    resultat = verification.verifier(base_demo, dossier)
    assert resultat.erreurs == []
    entete = vues.lire_entete(MODELE.read_text(encoding="utf-8"))
    assert set(entete) == set(vues.CLES_ENTETE)
    assert "Mode d'emploi" not in entete["source"]  # la ligne `--` termine l'en-tête


def test_entete_cles_sans_accent_ni_casse_et_suite():
    entete = vues.lire_entete(
        "-- Titre: T\n-- unité: %\n-- description: début\n--   et suite\n--\n-- note: hors en-tête\n"
    )
    assert entete == {"titre": "T", "unite": "%", "description": "début et suite"}


def test_catalogue_voit_une_nouvelle_vue_sans_redemarrage(base_demo, tmp_path):
    dossier = tmp_path / "vues"
    shutil.copytree(chemins.DOSSIER_VUES, dossier, ignore=shutil.ignore_patterns("*.txt"))
    catalogue = lecture.Catalogue(chemin=base_demo, dossier_vues=dossier)
    curseur = catalogue.curseur()
    noms = {r[0] for r in curseur.execute("select view_name from duckdb_views()").fetchall()}
    assert "mart_nouvelle" not in noms
    curseur.close()

    # Un analyste dépose un fichier : le curseur suivant (nouvelle exécution de la page) le voit.
    _ecrire(
        dossier,
        "mart_nouvelle.sql",
        ENTETE
        + "create or replace view mart_nouvelle as\n"
        + "select code_commune, annee, valeur * 2 as valeur from mart_part_75_ans_plus\n",
    )
    curseur = catalogue.curseur()
    assert curseur.execute("select count(*) from mart_nouvelle").fetchone()[0] > 0
    curseur.close()

    # Une modification cassée : l'erreur est signalée avec sa ligne, les autres vues marchent
    # encore.
    _ecrire(
        dossier, "mart_nouvelle.sql", ENTETE + "create or replace view mart_nouvelle as\nselec 1\n"
    )
    curseur = catalogue.curseur()
    assert [str(e) for e in catalogue.erreurs] == [
        "mart_nouvelle.sql, ligne 7, colonne 1 : erreur de syntaxe près de « selec »"
    ]
    assert curseur.execute("select count(*) from mart_part_75_ans_plus").fetchone()[0] > 0
    curseur.close()

    # Supprimée : disparue du catalogue aussi.
    (dossier / "mart_nouvelle.sql").unlink()
    curseur = catalogue.curseur()
    noms = {r[0] for r in curseur.execute("select view_name from duckdb_views()").fetchall()}
    assert "mart_nouvelle" not in noms and catalogue.erreurs == []
    curseur.close()
