"""Vitesse du bilan besoins / capacités (issue 5), calculé à l'affichage des pages.

Pour le Pays, un EPCI et deux communes du territoire de démonstration (base construite,
`python -m vigie build`) : durée des requêtes nommées (population par âge, fourchettes simulées,
ratios, équipements) et du calcul pur (`models.demande` : demande, fourchettes, capacité, écart,
premières années), médiane de 7 répétitions, scénario central, horizon 2050 et 2070. Cible : calcul
sous 200 ms, sans quoi les résultats seraient stockés à la construction. Usage :

    python bench/bench_services.py
"""

from __future__ import annotations

import banc

from vigie import chemins
from vigie.analyses import services
from vigie.stockage import base, lecture

PERIMETRES = [
    ("territoire", "PAYSDEMO"),
    ("epci", "000000001"),
    ("commune", "00001"),
    ("commune", "00042"),
]
REPETITIONS = 7


def mediane_ms(f) -> tuple[float, object]:
    secondes, resultat = banc.mediane(f, REPETITIONS)
    return secondes * 1000, resultat


def main() -> None:
    catalogue = lecture.Catalogue(chemin=chemins.chemin_base())
    con = catalogue.curseur()
    print(
        f"{'périmètre':<22}{'horizon':>8}{'requêtes (ms)':>15}{'calcul (ms)':>13}{'total (ms)':>12}"
    )
    for niveau, code in PERIMETRES:
        for horizon in (2050, 2070):

            def lire(niveau=niveau, code=code):
                return (
                    base.requete(
                        con, "demande_population", niveau=niveau, code=code, scenario="central"
                    ),
                    base.requete(
                        con, "demande_intervalles", niveau=niveau, code=code, scenario="central"
                    ),
                    base.requete(con, "ratios_demande"),
                    base.requete(con, "equipements", niveau=niveau, code=code),
                )

            t_lire, entrees = mediane_ms(lire)
            t_calcul, _ = mediane_ms(
                lambda entrees=entrees, horizon=horizon: services.calculer_bilan(
                    *entrees, horizon=horizon
                )
            )
            print(
                f"{niveau + ' ' + code:<22}{horizon:>8}{t_lire:>15.0f}{t_calcul:>13.0f}"
                f"{t_lire + t_calcul:>12.0f}"
            )
    print(
        "\nLes requêtes sont mises en cache par l'application (st.cache_data) et le bilan aussi ;"
        "\nces durées sont celles d'un premier affichage ou d'un ratio modifié."
    )


if __name__ == "__main__":
    main()
