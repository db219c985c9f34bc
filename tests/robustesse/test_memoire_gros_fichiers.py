"""Mémoire des plus gros fichiers qu'un territoire importe (issue 17 : « ~1 Go quelle que soit
l'entrée ») : le recensement par commune, sexe et âge détaillé (BTT_TD_POP1B « une ligne par
commune, sexe et âge », 7,07 millions de lignes pour la France, et TD_POP1B en colonnes, 35 000
lignes de 202 cellules) et la BPE géolocalisée (2,5 millions de lignes).

Mesuré dans des processus à part (le pic `ru_maxrss` d'un processus neuf, avant et après la
lecture), sur deux fichiers fabriqués de 400 et 1 600 communes : la différence des deux pics,
divisée par la différence du nombre de lignes, est le coût d'une ligne de plus, sans les frais
fixes (modules chargés à la première lecture) qui gonflent la moyenne d'un petit fichier.

Coût d'une ligne de plus : le lecteur gardait un dictionnaire Python par ligne (633 octets, 4,2 Gio
pour la France) ; puis des tableaux `array` agrandis à mesure et convertis en int64 (206 octets en
ligne, 264 en colonnes) ; désormais des tableaux numpy alloués une fois, des colonnes étroites
(`_ValeursSexeAge`) et le texte des lignes compressé par blocs (`lecture.TextesEnBlocs`) :
74 octets par ligne (0,5 Gio pour la France), 47 en colonnes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.robustesse.harnais import RACINE

LIGNES_FRANCE = 7_070_000
OCTETS_PAR_LIGNE_MAX = 150  # 1 Gio pour la France ; mesuré : 74 en lignes, 47 en colonnes

MESURE = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    chemin, communes, disposition = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    with open(chemin, "w", encoding="utf-8") as f:
        if disposition == "colonnes":
            f.write("CODGEO;LIBGEO;" + ";".join(
                f"SEXE{s}_AGED100{a:03d}" for s in (1, 2) for a in range(101)) + "\\n")
        else:
            f.write("NIVGEO;CODGEO;LIBGEO;SEXE;AGED100;NB\\n")
        for i in range(communes):
            code = f"{1 + i // 900:02d}{1 + i % 900:03d}"
            if disposition == "colonnes":
                f.write(f"{code};Commune {i};" + ";".join(
                    f"{i % 97 + a / 7:.6f}" for s in (1, 2) for a in range(101)) + "\\n")
                continue
            for sexe in (1, 2):
                for age in range(101):
                    f.write(f"COM;{code};Commune {i};{sexe};{age:03d};{i % 97 + age / 7:.6f}\\n")
    from vigie.alimentation.importation import formats
    import numpy, pandas  # chargés avant la mesure : seul le lecteur compte
    avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    lot = formats.lire(chemin, garder=False)
    apres = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    population = lot.tables["population"]
    print(json.dumps({
        "format": lot.format, "lignes": len(population), "octets": (apres - avant) * 1024,
        "codes": population["code_commune"].nunique(), "total": float(population["population"].sum()),
    }))
    """
)
FORMATS = {"lignes": "rp_age_detaille", "colonnes": "rp_age_detaille_large"}


def _dans_un_processus(script: str, *arguments: str) -> dict:
    """Lance ``script`` dans un processus neuf (sa mémoire mesurée seule) ; rend le JSON qu'il
    imprime en dernière ligne."""
    resultat = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr
    return json.loads(resultat.stdout.splitlines()[-1])


def _mesurer(tmp_path, communes: int, disposition: str) -> dict:
    nom = "BTT_TD_POP1B_2021.csv" if disposition == "lignes" else "TD_POP1B_2021.csv"
    mesure = _dans_un_processus(MESURE, str(tmp_path / nom), str(communes), disposition)
    assert mesure["format"] == FORMATS[disposition]
    assert mesure["lignes"] == communes * 202 and mesure["codes"] == communes
    attendu = sum(i % 97 * 101 * 2 + 2 * sum(a / 7 for a in range(101)) for i in range(communes))
    # les valeurs lues, pas seulement leur nombre
    assert abs(mesure["total"] - attendu) < 1e-3 * attendu
    return mesure


@pytest.mark.parametrize("disposition", ["lignes", "colonnes"])
def test_recensement_detaille_lu_en_memoire_bornee(tmp_path, disposition):
    petit = _mesurer(tmp_path, 400, disposition)
    grand = _mesurer(tmp_path, 1600, disposition)
    par_ligne = (grand["octets"] - petit["octets"]) / (grand["lignes"] - petit["lignes"])
    assert par_ligne < OCTETS_PAR_LIGNE_MAX, (
        f"{par_ligne:.0f} octets par ligne de plus, soit {par_ligne * LIGNES_FRANCE / 2**30:.1f} "
        "Gio pour la France"
    )


# La BPE géolocalisée (bpeAAAA_ensemble_xy.csv) : 2,5 millions de lignes pour la France, une par
# équipement. Un dictionnaire par équipement gardé coûtait ~745 octets par ligne lue (1,7 Gio) ;
# les colonnes faites une à une et le texte compressé, 191 (0,45 Gio ; les lignes fabriquées ici se
# répètent et se compressent mieux que les vraies : comptez plutôt 0,6 Gio).
LIGNES_BPE_FRANCE = 2_500_000
OCTETS_PAR_LIGNE_BPE_MAX = 450

MESURE_BPE = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    chemin, n = Path(sys.argv[1]), int(sys.argv[2])
    modele = Path("tests/fixtures/importeurs/bpe21_ensemble_xy.csv").read_text().splitlines()
    entete = modele[0].split(";")
    j_type, j_commune = entete.index("TYPEQU"), entete.index("DEPCOM")
    types = ["C107", "A101", "B101", "C201", "D401", "F101", "A504", "E107"]
    with open(chemin, "w", encoding="utf-8") as f:
        f.write(modele[0] + "\\n")
        for i in range(n):
            ligne = modele[1 + i % (len(modele) - 1)].split(";")
            ligne[j_type] = types[i % len(types)]
            f.write(";".join(ligne) + "\\n")
    from vigie.alimentation.importation import formats
    import numpy, pandas  # chargés avant la mesure : seul le lecteur compte
    avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    lot = formats.lire(chemin, garder=False)
    apres = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"format": lot.format, "equipements": len(lot.tables["equipement"]),
                      "octets": (apres - avant) * 1024}))
    """
)


def _mesurer_bpe(tmp_path, lignes: int) -> dict:
    mesure = _dans_un_processus(MESURE_BPE, str(tmp_path / "bpe21_ensemble_xy.csv"), str(lignes))
    assert mesure["format"] == "bpe"
    # Quatre types sur huit sont suivis par Vigie (crèche, école, collège, EHPAD…).
    assert 0 < mesure["equipements"] < lignes
    return mesure


def test_bpe_geolocalisee_lue_en_memoire_bornee(tmp_path):
    petit, grand = _mesurer_bpe(tmp_path, 50_000), _mesurer_bpe(tmp_path, 200_000)
    par_ligne = (grand["octets"] - petit["octets"]) / 150_000
    assert par_ligne < OCTETS_PAR_LIGNE_BPE_MAX, (
        f"{par_ligne:.0f} octets par ligne de plus, soit "
        f"{par_ligne * LIGNES_BPE_FRANCE / 2**30:.1f} Gio pour la France"
    )
