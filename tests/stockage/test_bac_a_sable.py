"""Le bac à sable de l'explorateur SQL (issue 8) : les tentatives d'évasion sont refusées ou
bornées, la base et le système de fichiers restent inchangés, et les requêtes ordinaires d'un
analyste fonctionnent.

Chaque tentative est vérifiée deux fois quand cela a un sens : par `BacASable.executer` (les
contrôles du texte la refusent par un message en français) et, pour les tentatives que le moteur
lui-même doit arrêter, directement sur la connexion verrouillée du bac à sable, en contournant les
contrôles du texte (défense en profondeur : si un contrôle était oublié,
`enable_external_access = false` et `lock_configuration = true` de DuckDB tiennent encore).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from vigie import chemins
from vigie.stockage.bac_a_sable import BacASable, RequeteInterrompue, RequeteRefusee


def _empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def dossier_externe(tmp_path_factory) -> Path:
    """Un dossier hors de la base avec un fichier « secret » en plusieurs formats."""
    dossier = tmp_path_factory.mktemp("hors_base")
    (dossier / "secret.csv").write_text("mot_de_passe\nhunter2\n", encoding="utf-8")
    (dossier / "secret.json").write_text('{"mot_de_passe": "hunter2"}', encoding="utf-8")
    (dossier / "secret.txt").write_text("hunter2", encoding="utf-8")
    con = duckdb.connect()
    con.execute(f"copy (select 'hunter2' as mot_de_passe) to '{dossier / 'secret.parquet'}'")
    con.close()
    return dossier


@pytest.fixture(scope="module")
def bac(base_demo) -> BacASable:
    """Un bac au délai large : sur une machine chargée, une requête ordinaire ne l'atteint pas."""
    bac = BacASable(chemin=base_demo, limite_lignes=500, delai_s=120.0)
    yield bac
    bac.fermer()


@pytest.fixture(scope="module")
def bac_presse(base_demo) -> BacASable:
    """Un bac au délai court, pour les requêtes sans fin (qu'aucune machine ne finit en 2 s)."""
    bac = BacASable(chemin=base_demo, limite_lignes=500, delai_s=2.0)
    yield bac
    bac.fermer()


def _tentatives(d: Path, base: Path) -> list[tuple[str, str, str]]:
    """(nom, SQL, fragment du message en français attendu) pour chaque tentative d'évasion."""
    return [
        # L'écriture, sous toutes ses formes.
        (
            "insert",
            "insert into commune values ('99999', 'X', null, '00', '00', false, 1, 1)",
            "(INSERT) est refusée",
        ),
        ("update", "update commune set nom_commune = 'Piratée'", "(UPDATE) est refusée"),
        ("delete", "delete from population", "(DELETE) est refusée"),
        ("create_table", "create table t as select 1 as x", "(CREATE) est refusée"),
        ("create_macro", "create macro m(x) as x + 1", "(CREATE) est refusée"),
        ("drop", "drop view mart_indicateurs_cles", "(DROP) est refusée"),
        ("alter", "alter table commune rename to c2", "(ALTER) est refusée"),
        (
            "cte_ecriture",
            "with x as (insert into commune values ('1','x',null,'0','0',false,1,1) returning *) "
            "select * from x",
            "« INSERT » écrit",
        ),
        (
            "cte_suppression",
            "with x as (delete from commune returning *) select count(*) from x",
            "« DELETE » écrit",
        ),
        # Autres bases et fichiers.
        ("attach", f"attach '{d / 'autre.duckdb'}' as autre", "(ATTACH) est refusée"),
        ("attach_memoire", "attach ':memory:' as m", "(ATTACH) est refusée"),
        ("detach", "detach base", "(DETACH) est refusée"),
        ("copy_to", f"copy commune to '{d / 'fuite.csv'}'", "(COPY) est refusée"),
        ("copy_from", f"copy commune from '{d / 'secret.csv'}'", "(COPY) est refusée"),
        ("export", f"export database '{d / 'export'}'", "(EXPORT) est refusée"),
        ("read_csv", f"select * from read_csv('{d / 'secret.csv'}')", "read_csv() n'est pas"),
        (
            "read_csv_auto",
            f"select * from read_csv_auto('{d / 'secret.csv'}')",
            "read_csv_auto() n'est pas",
        ),
        (
            "read_parquet",
            f"select * from read_parquet('{d / 'secret.parquet'}')",
            "read_parquet() n'est pas",
        ),
        ("read_json", f"select * from read_json('{d / 'secret.json'}')", "read_json() n'est pas"),
        ("read_text", f"select * from read_text('{d / 'secret.txt'}')", "read_text() n'est pas"),
        ("read_blob_base", f"select * from read_blob('{base}')", "read_blob() n'est pas"),
        (
            "read_text_guillemets",
            f"select * from \"Read_Text\"('{d / 'secret.txt'}')",
            "read_text() n'est pas",
        ),
        ("glob", f"select * from glob('{d}/*')", "glob() n'est pas"),
        ("fichier_comme_table", f"select * from '{d / 'secret.csv'}'", "lire un fichier"),
        (
            "fichier_apres_virgule",
            f"select * from commune, '{d / 'secret.csv'}'",
            "lire un fichier",
        ),
        ("read_duckdb", f"select * from read_duckdb('{base}')", "read_duckdb() n'est pas"),
        ("query_texte", "select * from query('select * from commune')", "query() n'est pas"),
        (
            "sql_serialise",
            "select * from json_execute_serialized_sql(json_serialize_sql('select 1'))",
            "json_execute_serialized_sql() n'est pas",
        ),
        ("arrow_scan_pointeur", "select * from arrow_scan(1, 2, 3)", "arrow_scan() n'est pas"),
        # Extensions et réglages.
        ("install", "install httpfs", "(LOAD) est refusée"),
        ("load", "load httpfs", "(LOAD) est refusée"),
        ("set", "set enable_external_access = true", "(SET) est refusée"),
        ("set_memoire", "set memory_limit = '100GB'", "(SET) est refusée"),
        ("reset", "reset lock_configuration", "(SET) est refusée"),
        ("pragma", "pragma enable_profiling", "(PRAGMA) est refusée"),
        ("call", "call enable_logging()", "(CALL) est refusée"),
        ("enable_logging", "select * from enable_logging()", "enable_logging() n'est pas"),
        ("checkpoint", "select * from force_checkpoint()", "force_checkpoint() n'est pas"),
        ("settings_fonction", "update duckdb_settings() set value = 'true'", "erreur de syntaxe"),
        (
            "settings_modifies",
            "update duckdb_settings set value = 'true' where name = 'enable_external_access'",
            "(UPDATE) est refusée",
        ),
        ("secrets", "select * from duckdb_secrets()", "duckdb_secrets() n'est pas"),
        ("getenv", "select getenv('HOME')", "getenv() n'est pas"),
        # Les chemins et réglages restent cachés (issue 17).
        ("bases_chemins", "select path from duckdb_databases()", "duckdb_databases() n'est pas"),
        ("reglages_liste", "select * from duckdb_settings()", "duckdb_settings() n'est pas"),
        (
            "reglage_chemins",
            "select current_setting('allowed_paths') as x",
            "current_setting() n'est pas",
        ),
        (
            "reglage_secrets",
            "select current_setting('secret_directory') as x",
            "current_setting() n'est pas",
        ),
        ("fichiers_debord", "select * from duckdb_temporary_files()", "n'est pas permise"),
        ("liste_bases", "select * from pragma_database_list()", "n'est pas permise"),
        ("explain_analyze", "explain analyze select 1", "(EXPLAIN) est refusée"),
        ("transaction", "begin transaction", "(TRANSACTION) est refusée"),
        # Plusieurs instructions, même cachées.
        ("deux_instructions", "select 1; drop view mart_indicateurs_cles", "une seule instruction"),
        ("commentaire_ligne", "select 1 -- rien ici\n; delete from commune", "une seule"),
        ("commentaire_bloc", "select 1 /* fin */ ; /* puis */ drop table commune", "une seule"),
        ("point_virgule_fin_puis", "select 1;\n\n-- anodin\ncreate table t (x int);", "une seule"),
        # Astuces Unicode.
        ("espace_invisible", "select 1;\u200b drop table commune", "caractère invisible U+200B"),
        ("inversion_bidi", "select '\u202edrop table commune' as x", "caractère invisible U+202E"),
        ("point_virgule_grec", "select 1 \u037e drop table commune", "erreur de syntaxe"),
        ("point_virgule_pleine_chasse", "select 1\uff1b drop table commune", "erreur de syntaxe"),
        ("cyrillique", "\u0455elect * from commune", "erreur de syntaxe"),
        # Vide.
        ("vide", "   \n  ", "vide"),
        ("commentaires_seuls", "-- select 1", "que des commentaires"),
    ]


# Tentatives que le moteur lui-même doit refuser une fois configuré, sans les contrôles du texte.
MOTEUR = {
    "attach",
    "copy_to",
    "copy_from",
    "export",
    "read_csv",
    "read_csv_auto",
    "read_parquet",
    "read_json",
    "read_text",
    "glob",
    "fichier_comme_table",
    "read_duckdb",
    "install",
    "load",
    "set",
    "set_memoire",
    "reset",
    "enable_logging",
    "update",
    "delete",
    "create_table",
    "drop",
    "alter",
}

NOMS = [t[0] for t in _tentatives(Path("/d"), Path("/b"))]


def test_au_moins_vingt_tentatives():
    assert len(NOMS) >= 20 and len(set(NOMS)) == len(NOMS)


@pytest.mark.parametrize("nom", NOMS)
def test_tentative_refusee_avec_message_francais(bac, dossier_externe, base_demo, nom):
    _, sql, fragment = next(t for t in _tentatives(dossier_externe, base_demo) if t[0] == nom)
    with pytest.raises(RequeteRefusee) as refus:
        bac.executer(sql)
    assert fragment in str(refus.value), str(refus.value)
    assert "hunter2" not in str(refus.value)


@pytest.mark.parametrize("nom", sorted(MOTEUR))
def test_le_moteur_refuse_aussi_sans_les_controles_de_texte(bac, dossier_externe, base_demo, nom):
    _, sql, _ = next(t for t in _tentatives(dossier_externe, base_demo) if t[0] == nom)
    with pytest.raises(RequeteRefusee):
        bac._executer_sans_controle(sql)


def test_base_et_fichiers_inchanges_apres_toutes_les_tentatives(bac, dossier_externe, base_demo):
    avant = _empreinte(base_demo)
    date_avant = base_demo.stat().st_mtime_ns
    fichiers_avant = sorted(p.name for p in dossier_externe.iterdir())
    for nom, sql, _ in _tentatives(dossier_externe, base_demo):
        with pytest.raises(RequeteRefusee):
            bac.executer(sql)
        if nom in MOTEUR:
            with pytest.raises(RequeteRefusee):
                bac._executer_sans_controle(sql)
    assert _empreinte(base_demo) == avant
    assert base_demo.stat().st_mtime_ns == date_avant
    assert sorted(p.name for p in dossier_externe.iterdir()) == fichiers_avant
    # Toujours les mêmes données, et toujours verrouillé.
    assert bac.executer("select count(*) as n from commune").donnees["n"].iloc[0] == 59
    reglages = bac._executer_sans_controle(
        "select name, value from duckdb_settings() where name in "
        "('enable_external_access', 'lock_configuration', 'allow_community_extensions', "
        "'autoinstall_known_extensions', 'autoload_known_extensions', "
        "'allow_unsigned_extensions', 'python_enable_replacements')"
    ).donnees
    valeurs = dict(zip(reglages["name"], reglages["value"], strict=True))
    assert valeurs["enable_external_access"] == "false"
    assert valeurs["lock_configuration"] == "true"
    assert valeurs["allow_unsigned_extensions"] == "false"
    assert valeurs["allow_community_extensions"] == "false"
    assert valeurs["autoinstall_known_extensions"] == "false"
    assert valeurs["autoload_known_extensions"] == "false"
    assert valeurs["python_enable_replacements"] == "false"


def test_requete_sans_fin_interrompue_puis_le_bac_repond(bac_presse):
    bac = bac_presse
    with pytest.raises(RequeteInterrompue) as refus:
        bac.executer(
            "with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t"
        )
    assert "interrompue" in str(refus.value)
    assert bac.executer("select 42 as x").donnees["x"].iloc[0] == 42


def test_produit_cartesien_enorme_interrompu(bac_presse):
    with pytest.raises(RequeteInterrompue):
        bac_presse.executer("select count(*) from range(100000000) a, range(100000000) b")


def test_resultat_enorme_borne(bac):
    resultat = bac.executer("select * from range(1000000000000) t(i)")
    assert resultat.tronque
    assert len(resultat.donnees) == 500
    assert "tronqué aux 500 premières lignes" in resultat.message


def test_reglages_verrouilles_dans_le_moteur(bac):
    """Sans le contrôle du texte, le moteur refuse encore de changer un réglage."""
    for sql in ("set enable_external_access = true", "set lock_configuration = false"):
        with pytest.raises(RequeteRefusee):
            bac._executer_sans_controle(sql)


def test_le_moteur_refuse_de_remplacer_une_vue_ou_de_detacher(bac):
    """Même en contournant le contrôle du texte, rien ne change pour la requête suivante."""
    with pytest.raises(RequeteRefusee, match="lecture seule"):
        bac._executer_sans_controle("create or replace view commune as select 'PIRATÉ' as x")
    with pytest.raises(RequeteRefusee, match="lecture seule"):
        bac._executer_sans_controle("create table t as select 1 as x")
    bac._executer_sans_controle("detach base")  # permis, mais seulement dans sa propre connexion
    assert bac.executer("select count(*) as n from commune").donnees["n"].iloc[0] == 59
    assert "PIRATÉ" not in bac.executer("select * from commune").donnees.to_string()


@pytest.mark.parametrize(
    "sql",
    [
        # Fonctions qui ignorent l'interruption de DuckDB : le processus est tué au bout du temps
        # limite.
        "select levenshtein(repeat('a', 120000), repeat('b', 120000)) as d",
    ],
)
def test_requetes_qui_ignorent_l_interruption_arretees(bac_presse, sql):
    with pytest.raises(RequeteInterrompue):
        bac_presse.executer(sql)
    assert bac_presse.executer("select 42 as x").donnees["x"].iloc[0] == 42


def test_memoire_du_moteur_bornee(bac_presse):
    """Arrêtée pour la mémoire (moteur ou processus) ou, sur une machine lente, pour le temps."""
    bac = bac_presse
    with pytest.raises(RequeteRefusee) as refus:
        bac.executer("select len(list_sort(list_reverse(range(150000000)))) as n")
    assert "mémoire" in str(refus.value) or "interrompue" in str(refus.value)
    assert bac.executer("select 1 as x").donnees["x"].iloc[0] == 1


def test_resultat_borne_en_octets(bac):
    resultat = bac.executer("select repeat('x', 50000) as s from range(20000)")
    assert resultat.tronque and resultat.raison == "octets"
    assert 0 < len(resultat.donnees) < 500
    assert resultat.donnees["s"].str.len().sum() <= bac.octets_max
    assert "tronqué à 20 Mo" in resultat.message


def test_variables_python_invisibles(bac):
    """Le client Python de DuckDB peut parcourir un DataFrame par son nom de variable : pas dans le
    bac à sable."""
    secret_df = pd.DataFrame({"mot_de_passe": ["hunter2"]})  # noqa: F841 (lu par son nom, ou pas)
    with pytest.raises(RequeteRefusee, match="inconnue"):
        bac.executer("select * from secret_df")


def test_erreur_localisee_ligne_et_colonne(bac):
    with pytest.raises(RequeteRefusee) as refus:
        bac.executer("select\n    code_commune,\n    nom_communee\nfrom commune")
    assert refus.value.ligne == 3 and refus.value.colonne == 5
    assert "colonne inconnue « nom_communee »" in str(refus.value)
    assert "nom_commune" in str(refus.value)  # la suggestion
    with pytest.raises(RequeteRefusee) as refus:
        bac.executer("select *\nfrom commune\nwhere code_commune = = '00001'")
    assert (refus.value.ligne, refus.value.colonne) == (3, 22)
    assert "erreur de syntaxe près de « = »" in str(refus.value)


@pytest.mark.parametrize(
    "sql",
    [
        "select nom_commune from commune where code_commune = '00001'",
        "with a as (select * from commune) select count(*) as n from a",
        "from mart_indicateurs_cles where niveau = 'territoire' limit 3",
        "select * from mart_part_75_ans_plus where annee = 2021 order by valeur desc",
        "describe mart_population_perimetre",
        "summarize commune",
        "select * from base.main.commune limit 2",
        "select ';' as point_virgule, '-- pas un commentaire' as texte",
        "pivot commune on littoral in (true, false) using count(*) group by code_epci",
        "values (1, 'a'), (2, 'b')",
        "select * from range(3)",
        "select table_name, comment from duckdb_tables()",
        "\ufeffselect 1 as avec_bom",
    ],
)
def test_requetes_d_analyste_acceptees(bac, sql):
    resultat = bac.executer(sql)
    assert not resultat.tronque
    assert len(resultat.donnees.columns) >= 1


def test_types_conserves(bac):
    donnees = bac.executer(
        "select annee, population, importe_le from mart_sources_tables "
        "cross join (select 2021::smallint as annee, 1.5 as population) limit 1"
    ).donnees
    assert str(donnees["annee"].dtype) == "Int16"
    assert pd.api.types.is_datetime64_any_dtype(donnees["importe_le"])


def test_nouvelle_vue_vue_sans_redemarrage(base_demo, tmp_path):
    dossier = tmp_path / "vues"
    dossier.mkdir()
    bac = BacASable(chemin=base_demo, dossier_vues=dossier, delai_s=120.0)
    try:
        assert "mart_essai" not in bac.objets()
        modele = (chemins.DOSSIER_VUES / "_modele.sql.txt").read_text(encoding="utf-8")
        (dossier / "mart_essai.sql").write_text(
            modele.replace("mart_nom_de_ma_vue", "mart_essai"), encoding="utf-8"
        )
        assert "mart_essai" in bac.objets()
        assert len(bac.executer("select * from mart_essai").donnees) > 0
        (dossier / "mart_essai.sql").unlink()
        with pytest.raises(RequeteRefusee, match="inconnue"):
            bac.executer("select * from mart_essai")
    finally:
        bac.fermer()
