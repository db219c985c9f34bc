"""L'écriture atomique de la base construite (issue 13 : elle vivait dans l'importation, et les
territoires l'importaient, d'où un cycle) : tout ou rien, contrôles de sql/checks/ compris."""

from __future__ import annotations

import shutil

import pytest

from vigie.stockage import base, modification


@pytest.fixture
def copie(base_demo_sans_projections, tmp_path):
    """Une copie seule dans son dossier, sans relevé d'empreintes (le test compte ce qui reste à
    côté d'elle)."""
    chemin = tmp_path / "vigie.duckdb"
    shutil.copyfile(base_demo_sans_projections, chemin)
    return chemin


def _communes(chemin):
    con = base.ouvrir(chemin, lecture_seule=True)
    try:
        return con.execute("select count(*) from commune").fetchone()[0]
    finally:
        con.close()


def _restes(chemin):
    """Les provisoires laissés à côté de la base (le verrou, le journal et le relevé d'empreintes
    du dossier sont à leur place : `modifier_base` écrit sous le verrou et inscrit au journal)."""
    return sorted(p.name for p in chemin.parent.glob(f"{chemin.name}.tmp-*"))


def test_la_modification_remplace_la_base_et_rend_le_resultat(copie):
    avant = _communes(copie)
    etapes = []

    def renommer(con):
        con.execute("update commune set nom_commune = nom_commune || ' (modifiée)'")
        return "fait"

    resultat = modification.modifier_base(
        renommer, copie, progression=lambda m, f: etapes.append(m), avant_remplacement=lambda: None
    )
    assert resultat == "fait"
    assert _communes(copie) == avant
    con = base.ouvrir(copie, lecture_seule=True)
    try:
        (n,) = con.execute(
            "select count(*) from commune where nom_commune like '% (modifiée)'"
        ).fetchone()
    finally:
        con.close()
    assert n == avant
    assert etapes == ["Copie de la base"]
    assert _restes(copie) == []


def test_un_controle_en_echec_laisse_la_base_inchangee(copie):
    avant = copie.read_bytes()

    def casser(con):
        # une population dans une commune inconnue : le contrôle population_commune_connue échoue
        con.execute(
            "insert into population select '99999', annee, sexe, age, population, id_source "
            "from population limit 1"
        )

    with pytest.raises(modification.ControlesEnEchec) as erreur:
        modification.modifier_base(casser, copie)
    assert any("population_commune_connue" in p for p in erreur.value.problemes)
    assert "La base est inchangée" in str(erreur.value)
    assert copie.read_bytes() == avant
    assert _restes(copie) == []


def test_une_erreur_avant_le_remplacement_laisse_la_base_inchangee(copie):
    avant = copie.read_bytes()

    def refuser():
        raise OSError("disque plein")

    with pytest.raises(OSError, match="disque plein"):
        modification.modifier_base(
            lambda con: con.execute("delete from equipement"), copie, avant_remplacement=refuser
        )
    assert copie.read_bytes() == avant
    assert _restes(copie) == []


def test_sans_base_un_message_qui_dit_quoi_faire(tmp_path):
    with pytest.raises(base.BaseIntrouvable, match="python -m vigie build"):
        modification.modifier_base(lambda con: None, tmp_path / "absente.duckdb")
