"""Vitesse du bac à sable de l'explorateur SQL et du rechargement à chaud des vues, sur la base
construite.

Lancement : `python bench/bac_a_sable.py` (après `python -m vigie build`). Imprime un tableau ;
rien n'est affirmé (les tests n'affirment jamais de durées mesurées à l'horloge).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import banc

from vigie import chemins
from vigie.stockage import lecture
from vigie.stockage.bac_a_sable import BacASable, RequeteInterrompue, RequeteRefusee


def chrono(fonction, repetitions: int = 5) -> float:
    return banc.mediane(fonction, repetitions)[0]


def refus(bac: BacASable, sql: str) -> None:
    try:
        bac.executer(sql)
    except RequeteRefusee:
        pass


def main() -> None:
    base = chemins.chemin_base()
    lignes = []
    lignes.append(
        ("ouverture du bac à sable (vues comprises)", chrono(lambda: BacASable(base).fermer(), 3))
    )
    bac = BacASable(base, delai_s=2.0)
    lignes.append(
        (
            "contrôle seul d'une requête (texte, jetons)",
            chrono(lambda: bac.verifier("select * from commune where code_commune = '00001'"), 20),
        )
    )
    lignes.append(
        (
            "refus d'une tentative (read_csv)",
            chrono(lambda: refus(bac, "select * from read_csv('/etc/passwd')"), 20),
        )
    )
    lignes.append(
        ("select simple (59 communes)", chrono(lambda: bac.executer("select * from commune")))
    )
    lignes.append(
        (
            "agrégat sur une vue (mart_indicateurs_cles)",
            chrono(
                lambda: bac.executer(
                    "select niveau, count(*) from mart_indicateurs_cles group by all"
                )
            ),
        )
    )
    lignes.append(
        (
            "résultat énorme plafonné (10 000 lignes)",
            chrono(lambda: bac.executer("select * from range(1000000000000)"), 3),
        )
    )

    def interrompre():
        try:
            bac.executer(
                "with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t"
            )
        except RequeteInterrompue:
            pass

    lignes.append(("requête sans fin, délai 2 s → rendue après", chrono(interrompre, 2)))
    bac.fermer()

    with tempfile.TemporaryDirectory() as dossier:
        vues = Path(dossier) / "vues"
        shutil.copytree(chemins.DOSSIER_VUES, vues, ignore=shutil.ignore_patterns("*.txt"))
        catalogue = lecture.Catalogue(chemin=base, dossier_vues=vues)
        catalogue.curseur().close()
        modele = (chemins.DOSSIER_VUES / "_modele.sql.txt").read_text(encoding="utf-8")
        compteur = iter(range(1000))

        def recharger():
            nom = f"mart_bench_{next(compteur)}"
            (vues / f"{nom}.sql").write_text(
                modele.replace("mart_nom_de_ma_vue", nom), encoding="utf-8"
            )
            catalogue.curseur().close()

        lignes.append(("rechargement à chaud après un fichier ajouté", chrono(recharger, 3)))
        lignes.append(
            ("rerun sans changement de fichier", chrono(lambda: catalogue.curseur().close(), 20))
        )

    largeur = max(len(n) for n, _ in lignes)
    print(f"{'mesure'.ljust(largeur)}  durée (médiane)")
    for nom, duree in lignes:
        print(f"{nom.ljust(largeur)}  {duree * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
