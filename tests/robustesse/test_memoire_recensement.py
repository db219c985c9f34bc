"""Mémoire du tableau détaillé du recensement « une ligne par commune, sexe et âge »
(BTT_TD_POP1B, 7,07 millions de lignes pour la France ; issue 17 : « ~1 Go quelle que soit
l'entrée »).

Mesuré dans un processus à part (le pic `ru_maxrss` d'un processus neuf, avant et après la
lecture) sur un fichier fabriqué de 1 200 communes (242 400 lignes, 9 Mo) : le lecteur gardait un
dictionnaire Python par ligne, 633 octets par ligne mesurés (4,2 Gio extrapolés pour la France) ;
il range désormais les valeurs dans des tableaux typés, un code commune par commune (314 octets
par ligne), et `LignesCSV` garde le texte des lignes bout à bout par blocs (`TextesEnBlocs`, au
lieu d'une chaîne Python par ligne) : 252 octets par ligne, 1,7 Gio extrapolés pour la France.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.robustesse.harnais import RACINE

LIGNES_FRANCE = 7_070_000
OCTETS_PAR_LIGNE_MAX = 400  # avant : 633 ; après : 252 (marge pour le bruit de l'allocateur)

MESURE = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    chemin = Path(sys.argv[1])
    with open(chemin, "w", encoding="utf-8") as f:
        f.write("NIVGEO;CODGEO;LIBGEO;SEXE;AGED100;NB\\n")
        for i in range(int(sys.argv[2])):
            code = f"{1 + i // 900:02d}{1 + i % 900:03d}"
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


def test_recensement_detaille_lu_en_memoire_bornee(tmp_path):
    communes = 1200
    resultat = subprocess.run(
        [sys.executable, "-c", MESURE, str(tmp_path / "BTT_TD_POP1B_2021.csv"), str(communes)],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr
    mesure = json.loads(resultat.stdout.splitlines()[-1])
    assert mesure["format"] == "rp_age_detaille"
    assert mesure["lignes"] == communes * 202 and mesure["codes"] == communes
    attendu = sum(i % 97 * 101 * 2 + 2 * sum(a / 7 for a in range(101)) for i in range(communes))
    assert (
        abs(mesure["total"] - attendu) < 1e-3 * attendu
    )  # les valeurs lues, pas seulement leur nombre
    par_ligne = mesure["octets"] / mesure["lignes"]
    assert par_ligne < OCTETS_PAR_LIGNE_MAX, (
        f"{par_ligne:.0f} octets par ligne, soit {par_ligne * LIGNES_FRANCE / 2**30:.1f} Gio "
        "pour la France"
    )
