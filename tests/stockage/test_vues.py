"""Chaque vue de sql/views : en-tête présent, un seul CREATE VIEW du nom de son fichier, compile et
rend des lignes ; et les tests à la manière de dbt des marts que lisent les pages (grain unique,
clés non nulles, codes autorisés)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import enregistrer_source
from vigie import chemins
from vigie.stockage import base, lecture, vues

VUES = vues.lister_vues()

# Grain de chaque mart que lit l'application : ces colonnes identifient une ligne.
GRAINS = {
    "int_commune__perimetres": ["niveau", "code_perimetre", "code_commune"],
    "int_perimetres": ["niveau", "code_perimetre"],
    "mart_population_perimetre": ["niveau", "code_perimetre", "annee", "sexe", "age"],
    "mart_population_groupe_age": ["niveau", "code_perimetre", "annee", "groupe_age"],
    "mart_naissances_deces": ["niveau", "code_perimetre", "annee"],
    "mart_indicateurs_cles": ["niveau", "code_perimetre", "annee"],
    "mart_equipements": ["niveau", "code_perimetre", "id_equipement"],
    "mart_projection_groupe_age": ["niveau", "code_perimetre", "scenario", "annee", "groupe_age"],
}


@pytest.fixture(scope="module")
def base_complete(base_demo, tmp_path_factory):
    """La base de démonstration, plus ce que la démo ne livre pas et qu'une vue lit : des
    populations légales (elles viennent d'un import INSEE), ici la somme du recensement 2021 de
    chaque commune, pour que mart_population_legale ait des lignes à rendre, et une adresse de
    source (les fichiers de démonstration n'en ont pas) pour la colonne url de mart_sources_tables."""
    chemin = tmp_path_factory.mktemp("vues") / "vigie.duckdb"
    shutil.copyfile(base_demo, chemin)
    con = base.ouvrir(chemin)
    try:
        id_source = enregistrer_source(
            con,
            fichier="populations_legales_test.csv",
            titre="Populations légales (somme du recensement de démonstration)",
            millesime="PL 2021",
            url="https://www.insee.fr/fr/statistiques/fichier/7739582/ensemble.zip",
            origine="import",
        )
        con.execute(
            "insert into population_legale "
            "select code_commune, annee, sum(population), 0, sum(population), $id "
            "from population where annee = 2021 group by all",
            {"id": id_source},
        )
        con.execute("checkpoint")
    finally:
        con.close()
    return chemin


@pytest.fixture(scope="module")
def catalogue(base_complete):
    con = lecture.ouvrir_catalogue(base_complete)
    creees, erreurs = vues.appliquer_vues(con)
    assert not erreurs, [str(e) for e in erreurs]
    yield con
    con.close()


@pytest.mark.parametrize("vue", VUES, ids=[v.nom for v in VUES])
def test_entete_et_forme(vue):
    assert vues.verifier_forme(vue) == []
    for cle in vues.CLES_ENTETE:
        assert vue.entete.get(cle), f"{vue.chemin.name} : en-tête sans {cle}"


# Vues qui ne peuvent rien rendre sur la démonstration, faute du fichier officiel qu'elles lisent ;
# chacune est vérifiée ailleurs, sur des fichiers aux dispositions publiées.
VUES_VIDES_SUR_LA_DEMO = {
    "mart_beneficiaires_apa_projetes": "taux de recours à l'APA de la DREES, absents de la "
    "démonstration ; vérifiée par tests/alimentation/test_import_services.py",
    "mart_effectifs_scolaires": "effectifs des écoles et collèges de l'Éducation nationale, "
    "absents de la démonstration ; vérifiée sur les vrais fichiers d'Ille-et-Vilaine par "
    "tests/alimentation/test_import_services_reels.py",
}


@pytest.mark.parametrize("vue", VUES, ids=[v.nom for v in VUES])
def test_la_vue_compile_et_rend_des_lignes(catalogue, vue):
    """Issue 13 : ce test passait sur une vue vide (il lisait une ligne sans rien vérifier). Sur la
    base de démonstration, chaque vue livrée rend au moins une ligne, et chaque colonne au moins
    une valeur non nulle : une jointure qui ne trouve plus rien, ou une colonne mal calculée, se
    voit ici."""
    creees = {
        nom
        for (nom,) in catalogue.execute(
            "select view_name from duckdb_views() where database_name = 'memory' and not internal"
        ).fetchall()
    }
    assert vue.nom in creees, f"{vue.chemin.name} : la vue n'a pas été créée"
    (lignes,) = catalogue.execute(f'select count(*) from "{vue.nom}"').fetchone()
    if vue.nom in VUES_VIDES_SUR_LA_DEMO:
        # Vide tant que la démonstration n'a pas ce fichier : le jour où elle l'a, la liste change.
        assert lignes == 0, f"{vue.nom} rend des lignes : retirez-la de VUES_VIDES_SUR_LA_DEMO"
        return
    assert lignes > 0, (
        f"{vue.chemin.name} : la vue ne rend aucune ligne sur la base de démonstration"
    )
    colonnes = [c[0] for c in catalogue.execute(f'describe "{vue.nom}"').fetchall()]
    remplies = catalogue.execute(
        "select " + ", ".join(f'count("{c}")' for c in colonnes) + f' from "{vue.nom}"'
    ).fetchone()
    vides = [c for c, n in zip(colonnes, remplies, strict=True) if n == 0]
    assert vides == [], f"{vue.chemin.name} : colonnes toujours nulles {vides}"


@pytest.mark.parametrize("nom,grain", GRAINS.items(), ids=list(GRAINS))
def test_grain_unique_et_cles_non_nulles(catalogue, nom, grain):
    cles = ", ".join(grain)
    doublons = catalogue.execute(
        f"select {cles}, count(*) from {nom} group by all having count(*) > 1 limit 5"
    ).fetchall()
    assert doublons == [], f"{nom} : grain non unique {doublons}"
    nuls = " or ".join(f"{c} is null" for c in grain)
    assert catalogue.execute(f"select count(*) from {nom} where {nuls}").fetchone()[0] == 0


def test_niveaux_autorises(catalogue):
    niveaux = {
        n
        for (n,) in catalogue.execute(
            "select distinct niveau from int_commune__perimetres"
        ).fetchall()
    }
    assert niveaux <= {"commune", "epci", "departement", "territoire"}


def test_indicateurs_cles_donnes_vs_lignes(catalogue):
    """Lignes données → lignes attendues : le total du Pays est la somme des lignes de ses communes."""
    attendu = catalogue.execute(
        "select sum(population) from population where annee = 2021"
    ).fetchone()[0]
    obtenu = catalogue.execute(
        "select population from mart_indicateurs_cles "
        "where niveau = 'territoire' and code_perimetre = 'PAYSDEMO' and annee = 2021"
    ).fetchone()[0]
    assert obtenu == pytest.approx(attendu)
    part = catalogue.execute(
        "select part_75_plus from mart_indicateurs_cles "
        "where niveau = 'commune' and code_perimetre = '00001' and annee = 2021"
    ).fetchone()[0]
    plus_75, total = catalogue.execute(
        "select sum(population) filter (where age >= 75), sum(population) from population "
        "where code_commune = '00001' and annee = 2021"
    ).fetchone()
    assert part == pytest.approx(plus_75 / total)


def test_somme_au_perimetre_donnees_vs_lignes(catalogue):
    """La macro de sql/macros : chaque EPCI reçoit la somme des lignes de ses communes, sous le nom
    de chaque colonne, avec le nom du périmètre."""
    attendu = dict(
        catalogue.execute(
            "select commune.code_epci, sum(naissance.naissances) from naissance "
            "inner join commune using (code_commune) where naissance.annee = 2020 group by all"
        ).fetchall()
    )
    assert len(attendu) == 3  # les trois EPCI de la démonstration
    resultat = catalogue.execute(
        "select * from somme_au_perimetre('naissance', ['annee'], ['naissances']) "
        "where niveau = 'epci' and annee = 2020"
    ).df()
    assert list(resultat.columns) == [
        "niveau", "code_perimetre", "nom_perimetre", "annee", "naissances",
    ]  # fmt: skip
    assert dict(zip(resultat["code_perimetre"], resultat["naissances"], strict=True)) == attendu
    assert resultat["nom_perimetre"].notna().all()


def test_vue_en_erreur_nomme_fichier_et_ligne(base_demo, tmp_path):
    (tmp_path / "mart_casse.sql").write_text(
        "-- titre: t\n-- description: d\n-- grain: g\n-- unite: u\n-- source: s\n"
        "create or replace view mart_casse as\nselect *\nfrom table_inexistante\n",
        encoding="utf-8",
    )
    (tmp_path / "mart_sans_entete.sql").write_text(
        "create or replace view mart_sans_entete as select 1 as a\n", encoding="utf-8"
    )
    con = base.ouvrir(":memory:")
    _, erreurs = vues.appliquer_vues(con, tmp_path)
    messages = {e.chemin.name: e for e in erreurs}
    assert messages["mart_casse.sql"].ligne == 8
    assert "en-tête incomplet" in messages["mart_sans_entete.sql"].message
    assert chemins.DOSSIER_VUES != tmp_path
