"""Projections de population entre la base et `models.projection`.

Lit les recensements, naissances et décès de la base dans les tableaux d'entrée du modèle, estime
une fois les taux locaux, projette les scénarios standard (le central avec ses intervalles 80 % et
95 % simulés) et écrit les tables de résultats à la construction. L'application réutilise
`modele_depuis_base` pour recalculer en direct le scénario d'un utilisateur (l'estimation est la
partie lente ; une projection prend quelques millisecondes). Tout le SQL est dans `sql/load/`
(écritures) et `sql/queries/` (lectures).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd

from models.projection import (
    DonneesProjection,
    ModeleProjection,
    ResultatProjection,
    Scenario,
    charger_reference,
    estimer_modele,
    projeter,
    scenarios_standard,
)
from models.projection import backtest as retro
from vigie import chemins
from vigie.alimentation import estimation
from vigie.stockage import base

HORIZON_CALCUL = 2070  # les scénarios standard sont stockés jusqu'à l'horizon le plus lointain
TIRAGES = 200  # trajectoires simulées pour les intervalles du scénario central
GRAINE = 20261125  # fixe : une reconstruction redonne les mêmes intervalles

# Fiabilité mesurée (bench/backtest_projection.py --ecrire) : fichier -> table, chargés à chaque
# construction par `charger_fiabilite` (ils ne dépendent pas du territoire).
FICHIERS_FIABILITE: tuple[tuple[str, str], ...] = (
    ("fiabilite_projection.csv", "fiabilite_projection"),
    ("fiabilite_communes.csv", "fiabilite_communes"),
)
SOURCE_FIABILITE = {
    "editeur": "Vigie, d'après INSEE (estimations départementales 1975-2021, populations légales)",
    "millesime": "2021",
    "licence": "Licence Ouverte / Etalab 2.0",
    "url": "",
}


def titre_fiabilite(chemin) -> str:
    """Première ligne de l'en-tête de provenance (« # ... ») du fichier de fiabilité."""
    with open(chemin, encoding="utf-8") as f:
        premiere = f.readline().strip()
    return premiere.lstrip("# ").strip() or "Fiabilité mesurée de la projection"


def charger_fiabilite(con: base.Connexion, id_source_de) -> list[str]:
    """Charge les fichiers de fiabilité présents dans `data/reference/` ; rend les tables remplies.

    Args:
        id_source_de: fonction `(chemin, meta) -> id_source` qui enregistre le fichier dans la
            table `source` (celle de la construction).

    Raises:
        ValueError: fichier illisible ou colonnes manquantes (message nommant le fichier).
    """
    remplies = []
    for nom, table in FICHIERS_FIABILITE:
        chemin = chemins.DOSSIER_REFERENCE / nom
        if not chemin.is_file():
            continue
        try:
            cadre = pd.read_csv(chemin, comment="#")
        except (pd.errors.ParserError, UnicodeDecodeError) as erreur:
            raise ValueError(
                f"{chemin} : lecture impossible ({erreur}). Régénérez-le avec "
                "« python bench/backtest_projection.py --ecrire »."
            ) from erreur
        manquantes = {"fenetre", "horizon", "methode", "erreur_abs_moyenne"} - set(cadre.columns)
        if manquantes:
            raise ValueError(
                f"{chemin} : colonnes manquantes {sorted(manquantes)}. Régénérez-le avec "
                "« python bench/backtest_projection.py --ecrire »."
            )
        id_source = id_source_de(chemin, {**SOURCE_FIABILITE, "titre": titre_fiabilite(chemin)})
        con.register("_fiabilite", cadre)
        try:
            base.executer(con, f"load/{table}", id_source=id_source)  # table : liste fixe
        finally:
            con.unregister("_fiabilite")
        remplies.append(table)
    return remplies


def donnees_depuis_base(con: base.Connexion) -> DonneesProjection:
    """Les tableaux d'entrée du modèle, lus dans la base par des requêtes nommées."""
    return DonneesProjection(
        population=base.requete(con, "projection_entree_population"),
        communes=base.requete(con, "projection_entree_communes"),
        naissances=base.requete(con, "projection_entree_naissances"),
        deces=base.requete(con, "projection_entree_deces"),
        etat_civil=base.requete(con, "projection_entree_etat_civil"),
    )


def modele_depuis_base(con: base.Connexion) -> ModeleProjection:
    """Estime les taux locaux (mortalité, fécondité, migrations) à partir des données stockées
    (le modèle du plus grand groupe de communes observées les mêmes années :
    `modeles_depuis_base`)."""
    return modeles_depuis_base(con)[0]


def modeles_depuis_base(con: base.Connexion) -> list[ModeleProjection]:
    """Un modèle par groupe de communes observées les mêmes années (`estimation.separer_par_annees`,
    le plus grand d'abord), comme la construction les projette : une base qui tient la
    démonstration (recensée 2006-2021) et un Pays réel estimé (2019-2023) ne se projette pas d'un
    seul modèle (le scénario recalculé du Pays montait à 68 millions d'habitants : issue 14)."""
    donnees = donnees_depuis_base(con)
    groupes = estimation.separer_par_annees(donnees) or [donnees]
    reference = charger_reference()
    return [estimer_modele(groupe, reference) for groupe in groupes]


def _ecrire_resultat(
    con: base.Connexion,
    id_calcul: int,
    resultat: ResultatProjection,
    avec_scenario: bool = True,
) -> None:
    population = resultat.population
    population = population[population["annee"] > population["annee"].min()]  # base = recensement
    _inserer(con, "projection_population", id_calcul, _projection=population)
    _inserer(con, "projection_composante", id_calcul, _composantes=resultat.composantes)
    if resultat.intervalles_agreges is not None:
        intervalles = resultat.intervalles_agreges.assign(scenario=resultat.scenario.nom)
        _inserer(con, "projection_intervalle", id_calcul, _intervalles=intervalles)
    if not avec_scenario:  # un autre groupe de communes du même scénario l'a déjà écrit
        return
    base.executer(
        con,
        "load/projection_scenario",
        id=id_calcul,
        nom=resultat.scenario.nom,
        libelle=resultat.scenario.libelle or resultat.scenario.nom,
        json=resultat.scenario.to_json(),
        methode=resultat.methode_intervalles or None,
    )


def _inserer(con: base.Connexion, table: str, id_calcul: int, **cadres: pd.DataFrame) -> None:
    """Insère les lignes d'un DataFrame par `sql/load/<table>.sql`, qui lit la vue enregistrée
    sous le nom donné en argument (par exemple `_projection`)."""
    ((nom, cadre),) = cadres.items()
    con.register(nom, cadre)
    try:
        base.executer(con, f"load/{table}", id=id_calcul)  # table : noms fixes de ce module
    finally:
        con.unregister(nom)


def _ecrire_backtest(con: base.Connexion, id_calcul: int, donnees: DonneesProjection) -> None:
    annees = sorted(donnees.population["annee"].unique())
    derniere = annees[-1]
    origine = derniere - 10 if derniere - 10 in annees else annees[0]
    cibles = [a for a in (origine + 5, origine + 10) if a in annees]
    if not cibles:
        return
    resultat = retro.backtest(donnees, origine, cibles, n_tirages=100, graine=GRAINE)
    detail = resultat.erreurs.assign(annee_origine=origine)
    global_ = resultat.couverture.assign(
        annee_origine=origine, groupe_age="toutes", classe_taille="toutes"
    )
    tableau = pd.concat([detail, global_], ignore_index=True)
    _inserer(con, "projection_backtest", id_calcul, _retro=tableau)


def calculer_projections(
    con: base.Connexion,
    progression: Callable[[str], None] | None = None,
    scenarios: list[Scenario] | None = None,
) -> int:
    """Projette les scénarios standard et écrit les tables de résultats ; rend le numéro du
    calcul."""
    signaler = progression or (lambda message: None)
    id_calcul = int(base.requete(con, "calcul_suivant")["id_calcul"].iloc[0])
    scenarios = scenarios or [
        Scenario.from_dict({**s.to_dict(), "horizon": HORIZON_CALCUL}) for s in scenarios_standard()
    ]
    base.executer(
        con,
        "load/calcul_debut",
        id=id_calcul,
        type_calcul="projection",
        parametres=json.dumps([s.to_dict() for s in scenarios]),
    )
    # Les communes observées des années différentes (communes réelles estimées, démonstration
    # recensée) sont projetées en groupes séparés : le modèle veut les mêmes années pour toutes
    # ses communes.
    donnees = donnees_depuis_base(con)
    groupes = estimation.separer_par_annees(donnees) or [donnees]  # [donnees] : l'erreur du modèle
    signaler("Estimation des taux locaux (mortalité, fécondité, migrations)")
    reference = charger_reference()
    modeles = [estimer_modele(donnees, reference) for donnees in groupes]
    for scenario in scenarios:
        central = scenario.nom == "central"
        signaler(
            f"Projection : {scenario.libelle or scenario.nom}"
            + (" (avec intervalles)" if central else "")
        )
        for rang, modele in enumerate(modeles):
            resultat = projeter(
                modele, scenario, intervalles=central, n_tirages=TIRAGES, graine=GRAINE
            )
            _ecrire_resultat(con, id_calcul, resultat, avec_scenario=rang == 0)
    estimation.elargir_intervalles(con, id_calcul)
    signaler("Rétro-projection : fiabilité des projections passées")
    estimees = estimation.communes_estimees(con)
    observes = [d for d in groupes if not set(d.communes["code_commune"]) & estimees]
    if observes:  # la rétro-projection d'une structure par âge estimée ne mesurerait rien
        _ecrire_backtest(con, id_calcul, observes[0])
    base.executer(con, "load/calcul_fin", id=id_calcul)
    return id_calcul
