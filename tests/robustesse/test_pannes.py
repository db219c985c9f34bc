"""Pannes (issue 10) : un vrai processus tué (SIGKILL) à des moments aléatoires d'une construction,
d'un import, d'un lot de prévisions et des enregistrements de l'utilisateur laisse l'état cohérent
précédent, ne perd aucune donnée enregistrée de l'utilisateur, et ses fichiers temporaires sont
nettoyés par la construction suivante.

Les moments d'arrêt sont tirés par un générateur à graine (`VIGIE_GRAINE_PANNES` pour en explorer
d'autres) : `harnais.tuer_au_hasard` tue après la k-ième ligne de progression plus un délai
aléatoire.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import textwrap
from pathlib import Path

import duckdb
import pytest

from tests.robustesse.harnais import RACINE, tuer_au_hasard
from vigie.alimentation import construction
from vigie.stockage import controles, integrite

GRAINE = int(os.environ.get("VIGIE_GRAINE_PANNES", "20261126"))
FIXTURES = RACINE / "tests" / "fixtures" / "importeurs"


def sha(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def coherente(chemin: Path) -> None:
    """Le fichier est entier, s'ouvre et passe les contrôles d'intégrité de sql/checks."""
    assert integrite.diagnostiquer(chemin, complet=True) is None
    con = duckdb.connect(str(chemin), read_only=True)
    try:
        assert controles.executer(con) == []
    finally:
        con.close()


def provisoires(chemin: Path) -> list[Path]:
    return sorted(chemin.parent.glob(f"{chemin.name}.tmp-*"))


@pytest.fixture
def env_utilisateur(tmp_path) -> dict[str, str]:
    return {"VIGIE_BASE_UTILISATEUR": str(tmp_path / "utilisateur" / "vigie_utilisateur.duckdb")}


@pytest.mark.slow
@pytest.mark.parametrize("tirage", range(3))
def test_construction_tuee_laisse_la_base_precedente(base_copie, env_utilisateur, tmp_path, tirage):
    avant = sha(base_copie)
    rng = random.Random(GRAINE + tirage)
    execution = tuer_au_hasard(
        ["-m", "vigie", "build", "--base", str(base_copie)],
        {**env_utilisateur, "VIGIE_BASE": str(base_copie)},
        rng,
        lignes_max=19,  # chaque étape de la construction, jusqu'aux projections et contrôles
    )
    remplacee = any(ligne.startswith("Base construite") for ligne in execution.lignes)
    if execution.tuee and not remplacee:
        assert sha(base_copie) == avant, (
            f"base modifiée par une construction tuée : {execution.lignes}"
        )
    coherente(base_copie)
    # La construction suivante commence par supprimer ce qu'a laissé celle qui a été tuée (ici
    # elle s'arrête aussitôt : pas de dossier de démonstration, donc la base précédente reste
    # telle quelle).
    vide = tmp_path / "rien"
    vide.mkdir()
    with pytest.raises(construction.ErreurConstruction):
        construction.construire(chemin=base_copie, dossier_demo=vide, rejouer_imports=False)
    assert provisoires(base_copie) == []


def test_nettoyage_epargne_les_fichiers_d_un_processus_vivant(tmp_path):
    cible = tmp_path / "vigie.duckdb"
    mort = tmp_path / "vigie.duckdb.tmp-999999999"
    mort_wal = tmp_path / "vigie.duckdb.tmp-999999999.wal"
    import_mort = tmp_path / "vigie.duckdb.tmp-import-999999999"
    vivant = tmp_path / f"vigie.duckdb.tmp-{os.getpid()}"
    autre = tmp_path / "autre.duckdb.tmp-999999999"
    for f in (mort, mort_wal, import_mort, vivant, autre):
        f.write_bytes(b"x")
    supprimes = integrite.nettoyer_provisoires(cible)
    assert sorted(supprimes) == sorted([mort, mort_wal, import_mort])
    assert vivant.exists() and autre.exists()


@pytest.mark.slow
@pytest.mark.parametrize("tirage", range(2))
def test_lot_de_previsions_tue_garde_les_previsions_precedentes(
    base_demo, previsions_demo, tmp_path, tirage
):
    sortie = tmp_path / "previsions.duckdb"
    shutil.copyfile(previsions_demo, sortie)
    avant = sha(sortie)
    rng = random.Random(GRAINE * 7 + tirage)
    execution = tuer_au_hasard(
        [
            "-m",
            "vigie",
            "forecast",
            "--base",
            str(base_demo),
            "--sortie",
            str(sortie),
            "--processus",
            str(1 + tirage),  # dans ce processus, puis avec des processus de travail
            "--candidats",
            "naive,naive_saisonniere,ets_additif",
        ],  # fmt: skip
        {"VIGIE_BASE": str(base_demo)},
        rng,
        lignes_max=8,  # une ligne par série (les huit premières : le test reste court)
        delai_max_s=1.0,
    )
    if execution.tuee:
        assert sha(sortie) == avant
    assert integrite.diagnostiquer(sortie, complet=True) is None
    integrite.nettoyer_provisoires(sortie)
    assert provisoires(sortie) == []


# Une boucle d'enregistrements dans un processus enfant : enregistrer n, écrire « ok n » une fois
# validé, n + 1, ... Les deux tranches d'âge de la méthode EHPAD « par_age » sont écrites en une
# seule transaction, avec des valeurs liées à n.
BOUCLE_ENREGISTREMENT = textwrap.dedent(
    """
    import sys
    from vigie.stockage import base
    from vigie.reglages import ratios_utilisateur
    con = base.connecter()
    defauts = base.requete(con, "ratios_demande")
    con.close()
    for n in range(1, 100_000):
        valeurs = {75: (str(40 + n % 1000 / 100), "1000"), 85: (str(200 + n % 1000 / 100), "1000")}
        ratios_utilisateur.enregistrer(
            "commune", "00001", "ehpad", "par_age", valeurs, defauts
        )
        print("ok", n, flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("tirage", range(3))
def test_enregistrement_utilisateur_tue_ne_perd_rien(base_demo, env_utilisateur, tirage):
    from vigie.reglages import ratios_utilisateur

    rng = random.Random(GRAINE * 13 + tirage)
    execution = tuer_au_hasard(
        ["-c", BOUCLE_ENREGISTREMENT],
        {**env_utilisateur, "VIGIE_BASE": str(base_demo)},
        rng,
        lignes_max=40,
        delai_max_s=0.05,  # au milieu de l'enregistrement suivant
    )
    assert execution.tuee, execution.lignes[-3:]
    confirmes = [int(ligne.split()[1]) for ligne in execution.lignes if ligne.startswith("ok ")]
    dernier = confirmes[-1]
    chemin = Path(env_utilisateur["VIGIE_BASE_UTILISATEUR"])
    reglages = ratios_utilisateur.lire("commune", "00001", chemin)
    lignes = reglages.modifications.set_index("age_min")["ratio"]
    # tout ou rien : les deux tranches d'âge viennent du même enregistrement ...
    n_75 = round((lignes[75] - 40) * 100)
    n_85 = round((lignes[85] - 200) * 100)
    assert n_75 == n_85, lignes
    # ... et cet enregistrement est le dernier confirmé, ou celui que l'arrêt a interrompu après son
    # commit (jamais un plus ancien : rien de confirmé n'est perdu).
    assert n_75 in (dernier % 1000, (dernier + 1) % 1000), (n_75, dernier)
    assert reglages.methodes == {"ehpad": "par_age"}


@pytest.mark.slow
@pytest.mark.parametrize("tirage", range(2))
def test_import_tue_laisse_la_base_precedente_ou_la_nouvelle(
    base_copie, env_utilisateur, tmp_path, tirage
):
    """L'importeur (branche importeurs) dans le même harnais : la base est l'ancienne ou la
    nouvelle, entière et contrôlée ; un fichier que contient la base est gardé dans le dossier de
    l'utilisateur."""
    avant = sha(base_copie)
    fichier = FIXTURES / "donnees_communes_pop_legale_2021.csv"
    rng = random.Random(GRAINE * 17 + tirage)
    env = {**env_utilisateur, "VIGIE_BASE": str(base_copie)}
    execution = tuer_au_hasard(
        ["-m", "vigie", "import", str(fichier), "--base", str(base_copie)],
        env,
        rng,
        lignes_max=6,
        delai_max_s=0.8,
    )
    coherente(base_copie)
    con = duckdb.connect(str(base_copie), read_only=True)
    try:
        dans_la_base = con.execute(
            "select count(*) from source where fichier = ?", [fichier.name]
        ).fetchone()[0]
    finally:
        con.close()
    if execution.tuee and not dans_la_base:
        assert sha(base_copie) == avant
    manifeste = Path(env["VIGIE_BASE_UTILISATEUR"]).parent / "imports" / "manifeste.json"
    if dans_la_base:  # un import que montre la base n'est jamais perdu à la reconstruction suivante
        assert manifeste.is_file() and fichier.name in manifeste.read_text(encoding="utf-8")
    integrite.nettoyer_provisoires(base_copie)
    assert provisoires(base_copie) == []
