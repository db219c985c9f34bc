"""La construction (issue 2) : depuis zéro, idempotente, atomique, chaque fichier tracé dans
`source`."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import duckdb
import pytest

from vigie import chemins
from vigie.alimentation import construction


def _empreinte(chemin):
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def _comptes(chemin):
    con = duckdb.connect(str(chemin), read_only=True)
    try:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]
        return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def test_construction_depuis_zero_charge_chaque_fichier(base_demo):
    comptes = _comptes(base_demo)
    for table in (
        "commune",
        "epci",
        "population",
        "naissance",
        "deces",
        "equipement",
        "usage_observation",
        "commune_geo",
        "projection_population",
    ):
        assert comptes[table] > 0, table
    assert comptes["commune"] == 59
    assert comptes["epci"] == 3


def test_chaque_fichier_est_trace_avec_son_empreinte(base_demo):
    con = duckdb.connect(str(base_demo), read_only=True)
    sources = con.execute("select fichier, editeur, millesime, licence, sha256 from source").df()
    con.close()
    for nom, _table in construction.FICHIERS_DEMO:
        ligne = sources[sources["fichier"] == nom]
        assert len(ligne) == 1, nom
        assert ligne.iloc[0]["sha256"] == _empreinte(chemins.DOSSIER_DEMO / nom)
        assert ligne.iloc[0]["licence"]
        assert ligne.iloc[0]["millesime"]


def test_reconstruction_idempotente(base_demo_sans_projections, tmp_path):
    # Sans projections (une seconde au lieu de trente) : la construction complète depuis zéro est
    # celle de `base_demo` (test ci-dessus), et une reconstruction complète par-dessus une base
    # existante passe dans tests/e2e et tests/robustesse.
    cible = tmp_path / "vigie.duckdb"
    shutil.copy(base_demo_sans_projections, cible)
    avant = _comptes(cible)
    construction.construire(chemin=cible, projeter=False)
    assert _comptes(cible) == avant
    assert not list(tmp_path.glob("*.tmp-*")), "aucun fichier provisoire ne doit rester"


@pytest.fixture
def demo_copiee(tmp_path):
    dossier = tmp_path / "demo"
    shutil.copytree(chemins.DOSSIER_DEMO, dossier)
    return dossier


def test_fichier_malforme_laisse_la_base_precedente_intacte(
    base_demo_sans_projections, demo_copiee, tmp_path
):
    cible = tmp_path / "vigie.duckdb"
    shutil.copy(base_demo_sans_projections, cible)
    empreinte_avant = _empreinte(cible)
    # Une année qui n'est pas un nombre, comme pourrait en avoir un export retouché à la main.
    naissances = demo_copiee / "naissances.csv"
    lignes = naissances.read_text(encoding="utf-8").splitlines()
    champs = lignes[5].split(";")
    champs[1] = "deux-mille"
    lignes[5] = ";".join(champs)
    naissances.write_text("\n".join(lignes) + "\n", encoding="utf-8")

    with pytest.raises(construction.ErreurConstruction) as erreur:
        construction.construire(chemin=cible, dossier_demo=demo_copiee)
    assert "naissances.csv" in str(erreur.value)
    assert _empreinte(cible) == empreinte_avant
    assert not list(tmp_path.glob("*.tmp-*"))


def test_fichier_manquant_est_nomme(base_demo_sans_projections, demo_copiee, tmp_path):
    cible = tmp_path / "vigie.duckdb"
    shutil.copy(base_demo_sans_projections, cible)
    empreinte_avant = _empreinte(cible)
    (demo_copiee / "equipements.csv").unlink()
    with pytest.raises(construction.ErreurConstruction, match="equipements.csv"):
        construction.construire(chemin=cible, dossier_demo=demo_copiee)
    assert _empreinte(cible) == empreinte_avant


def test_commande_build_en_echec_parle_francais(demo_copiee, tmp_path):
    (demo_copiee / "communes.csv").write_text("pas;un;fichier\nde;communes;\n", encoding="utf-8")
    resultat = subprocess.run(
        [
            sys.executable,
            "-m",
            "vigie",
            "build",
            "--base",
            str(tmp_path / "x.duckdb"),
            "--demo",
            str(demo_copiee),
        ],
        capture_output=True,
        text=True,
        cwd=chemins.RACINE,
    )
    assert resultat.returncode == 1
    assert "communes.csv" in resultat.stderr
    assert "La base précédente est inchangée" in resultat.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_commande_check_valide_la_base(env_base):
    resultat = subprocess.run(
        [sys.executable, "-m", "vigie", "check"],
        capture_output=True,
        text=True,
        cwd=chemins.RACINE,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "Tout est en ordre" in resultat.stdout
