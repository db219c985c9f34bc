"""Validation de la projection sur données réelles (issue 4) : imprime les tableaux.

1. Territoire de démonstration : rétro-projection 2011 -> 2016, 2021 par commune et groupe d'âges
   (erreur et couverture des fourchettes), depuis la base construite (``python -m vigie build``).
2. Départements (INSEE, estimations 1975-2021) : projection 2011 -> 2021 avec les données 2006 et
   2011 seulement, contre deux références naïves (croissance constante, population constante).
3. France : projection Vigie depuis 2013 contre la projection centrale INSEE 2013-2070 et l'observé
   2021.

Usage : ``python bench/validation_projection.py [dossier shared/data]`` (par défaut ../shared/data).
Sans ce dossier, seules les parties qui n'en dépendent pas sont imprimées.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

import pandas as pd  # noqa: E402

from models.projection.validation import valider_departements, valider_france  # noqa: E402

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 20)


def demo() -> None:
    from vigie import chemins
    from vigie.stockage import base

    if not chemins.chemin_base().exists():
        print("(base de démonstration absente : lancez python -m vigie build)")
        return
    con = base.connecter()
    t = con.execute(
        "select horizon, niveau, classe_taille, effectif, round(erreur_abs_pct, 2) as mape,"
        " round(biais_median_pct, 2) as biais, round(couverture_80, 2) as couv_80,"
        " round(couverture_95, 2) as couv_95 from projection_backtest"
        " where groupe_age in ('toutes', 'Ensemble') and (niveau <> 'commune' or groupe_age = 'toutes'"
        " or classe_taille <> 'toutes') order by groupe_age desc, horizon, niveau, classe_taille"
    ).df()
    print("\n1. Territoire de démonstration, rétro-projection depuis 2011 (base construite)")
    print(t.to_string(index=False))


def main() -> None:
    dossier = Path(sys.argv[1]) if len(sys.argv) > 1 else RACINE.parent / "shared" / "data"
    demo()
    if not dossier.is_dir():
        print(f"\n(dossier {dossier} absent : validations départementale et nationale sautées)")
        return
    t = time.perf_counter()
    detail, resume = valider_departements(dossier, n_tirages=100)
    print(
        f"\n2. Départements : projection 2011 -> 2021 (données 2006 et 2011), "
        f"{len(detail['code_dep'].unique())} départements, {time.perf_counter() - t:.1f} s"
    )
    print(
        "   MAPE en % (erreur absolue moyenne) ; couverture = part des départements dans la fourchette"
    )
    print(resume.round(2).to_string(index=False))
    cible = ["mape_croissance_constante", "mape_constante"]
    battus = resume[(resume["mape_vigie"] < resume[cible].min(axis=1))]["groupe"].tolist()
    rates = [g for g in resume["groupe"] if g not in battus]
    print(f"   Vigie bat les deux références naïves pour : {', '.join(battus) or 'aucun groupe'}")
    if rates:
        print(f"   ... mais pas pour : {', '.join(rates)}")
    pire = detail[detail["groupe"] == "Ensemble"].assign(e=lambda d: d["erreur_vigie"].abs())
    print("   Départements les moins bien projetés (population totale) :")
    print(
        pire.nlargest(5, "e")[
            ["code_dep", "nom", "observe", "vigie", "erreur_vigie", "erreur_constante"]
        ]
        .round(1)
        .to_string(index=False)
    )
    print(
        "\n3. France : Vigie (depuis 2013) contre la projection centrale INSEE 2013 et l'observé 2021"
    )
    print(valider_france(dossier).round(2).to_string(index=False))


if __name__ == "__main__":
    main()
