"""Estimer la structure par sexe et âge d'une commune quand son recensement détaillé manque.

Beaucoup de territoires réels n'ont que les populations légales (un total par commune et par
année) : sans structure par âge, pas de pyramide ni de projection. Vigie l'estime alors, et le dit :

- méthode `structure_departement` : population municipale de la commune (populations légales ou
  séries historiques) × part de chaque sexe et âge dans la population de son département, tirée
  des estimations de population de l'INSEE par département, sexe et âge quinquennal
  (`estim-pop-dep-sexe-aq`), éclatées en âges détaillés par la méthode du projet
  (`models.projection.eclater_groupes` : interpolation monotone du cumul, totaux des groupes
  conservés). Pour une année postérieure aux dernières estimations départementales, la structure
  de la dernière année est vieillie d'autant d'années (chaque cohorte avance d'un âge par an, les
  âges d'entrée gardent la part du plus jeune âge), puis ramenée à 100 %. Chaque cohorte avance
  avec le rapport de cohorte du département entre ses deux dernières années estimées (effectif à
  l'âge a+1 l'année A sur l'effectif à l'âge a l'année A−1 : décès et migrations du département,
  méthode de Hamilton et Perry) : vieillir sans décès gonflait les 75 ans ou plus de 7 % par an
  (13,1 % d'habitants de 75 ans ou plus en 2023 au Pays de Morlaix au lieu de ~11,5 %, issue 14).
- seules les communes des territoires (Pays, EPCI choisis) sont estimées, chaque fois que la couche
  importée change et à chaque construction ; importer le recensement par sexe et âge de la commune
  remplace l'estimation (une commune qui a des lignes de recensement n'est jamais estimée).
- les effectifs estimés vont dans `population` (source d'origine `estimation`, titre qui dit la
  méthode, affichée par la page Sources et méthodes) et chaque commune et année estimées a une
  ligne dans `population_estimee` (méthode, département, année de la structure, écart type).

Incertitude ajoutée (`elargir_intervalles`) : l'écart relatif type d'une part par âge est mesuré
sur les données elles-mêmes, comme l'erreur qu'on commet en prenant la structure d'un ensemble plus
grand pour celle d'un de ses morceaux : pour chaque groupe d'âges, écart quadratique moyen, entre
départements, de (part du département − part nationale) / part nationale, la même année. C'est une
borne basse pour une commune (plus petite, donc plus éloignée de la moyenne qu'un département) :
pas de rétro-projection possible ici, faute de recensement communal détaillé dans les données. Les
bornes des intervalles de projection des communes estimées (et la part estimée des agrégats, en
supposant l'erreur commune à toutes, donc sans compensation) sont écartées du chemin central de
√(demi-largeur² + (z · écart · effectif estimé)²), z = 1,28 (80 %) ou 1,96 (95 %). Pour l'ensemble
des âges, le total de départ est connu : l'écart part de 0 et croît linéairement jusqu'à l'écart
moyen des groupes à 30 ans d'horizon (hypothèse, dite dans Sources et méthodes).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from models.projection import GROUPES_SERVICES, DonneesProjection, eclater_groupes
from vigie.stockage import base, sources

SQL = "load/estimation/"
METHODE = "structure_departement"
TITRE = (
    "Estimation Vigie : population légale de la commune × structure par sexe et âge de son "
    "département (estimations INSEE), éclatée en âges détaillés"
)
# La source des effectifs estimés (origine 'estimation' : ni livrée, ni importée ; recalculée à
# chaque import et à chaque construction).
SOURCE = {
    "editeur": "Vigie, d'après INSEE",
    "titre": TITRE,
    "licence": "Licence Ouverte / Etalab 2.0",
}
LIBELLES_METHODES = {
    METHODE: "population légale de la commune × structure par sexe et âge de son département "
    "(estimations de population INSEE), éclatée en âges détaillés",
}
Z = {"80": 1.2816, "95": 1.96}
HORIZON_ECART_TOTAL = 30  # années pour que l'écart du total rejoigne l'écart moyen des groupes


def _preparer(con: base.Connexion) -> None:
    if not base.executer(con, SQL + "table_presente").fetchone()[0]:
        base.executer(con, "schema/07_estimation")


def supprimer(con: base.Connexion) -> None:
    """Retire toutes les estimations (effectifs, drapeaux, source)."""
    _preparer(con)
    base.executer(con, SQL + "supprimer")
    base.executer(con, SQL + "supprimer_drapeaux")
    base.executer(con, SQL + "supprimer_sources")


def structures_detaillees(groupes: pd.DataFrame) -> pd.DataFrame:
    """Parts par sexe et âge détaillé (0..100) de chaque département et année.

    Args:
        groupes: code_dep, annee, sexe, age_min, population (groupes quinquennaux, dernier ouvert).

    Returns:
        code_dep, annee, sexe, age, part (somme 1 par département et année, sexes réunis).
    """
    detail = eclater_groupes(
        groupes.rename(columns={"age_min": "age_debut"}),
        cles=["code_dep", "annee", "sexe"],
    )
    total = detail.groupby(["code_dep", "annee"])["population"].transform("sum")
    detail["part"] = detail["population"] / total
    return detail[["code_dep", "annee", "sexe", "age", "part"]]


def vieillir(parts: np.ndarray, annees: int, rapports: np.ndarray | None = None) -> np.ndarray:
    """Vieillit une structure (2, 101) de `annees` ans : chaque cohorte avance d'un âge par an,
    le groupe 100+ accumule, les âges d'entrée reprennent la part de l'âge 0 ; total ramené à 1.

    Args:
        rapports: (2, 101), le facteur appliqué à la cohorte qui entre à l'âge a (colonne a,
            a ≥ 1 ; la colonne 100 s'applique au groupe 100+ entier) : `rapports_de_cohorte`.
            Sans lui, personne ne meurt ni ne part.
    """
    p = np.asarray(parts, float).copy()
    r = np.ones_like(p) if rapports is None else np.asarray(rapports, float)
    for _ in range(max(int(annees), 0)):
        suivant = np.empty_like(p)
        suivant[:, 1:100] = p[:, 0:99] * r[:, 1:100]
        suivant[:, 100] = (p[:, 99] + p[:, 100]) * r[:, 100]
        suivant[:, 0] = p[:, 0]
        p = suivant
    return p / p.sum()


def rapports_de_cohorte(avant: np.ndarray, apres: np.ndarray) -> np.ndarray:
    """Les rapports de cohorte (2, 101) entre deux années consécutives d'effectifs (2, 101) :
    effectif à a+1 l'année A sur effectif à a l'année A−1 (100+ : sur 99 et 100+ réunis), 1 où
    l'effectif de départ est nul ; bornés à [0, 2] (éclatement des groupes quinquennaux)."""
    avant, apres = np.asarray(avant, float), np.asarray(apres, float)
    r = np.ones_like(apres)
    depart = np.concatenate([avant[:, 0:99], (avant[:, 99] + avant[:, 100])[:, None]], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rapport = np.where(depart > 0, apres[:, 1:101] / depart, 1.0)
    r[:, 1:101] = np.clip(rapport, 0.0, 2.0)
    return r


def ecarts_relatifs(groupes: pd.DataFrame) -> dict[str, float]:
    """Écart relatif type des parts par groupe d'âges (GROUPES_SERVICES, sexes réunis) entre les
    départements de métropole et leur ensemble, la dernière année : {groupe: écart}, et
    'Ensemble' (la moyenne des groupes disjoints pondérée par leur part)."""
    groupes = groupes[groupes["code_dep"].str.len() == 2]  # métropole : les DOM, bien plus
    # jeunes, grossiraient l'écart sans rien dire d'une commune de métropole
    groupes = groupes[groupes["annee"] == groupes["annee"].max()]
    d = structures_detaillees(groupes)
    resultat, poids = {}, {}
    nationale = groupes["population"].sum()
    pop = eclater_groupes(
        groupes.rename(columns={"age_min": "age_debut"}), cles=["code_dep", "annee", "sexe"]
    )
    for nom, (a0, a1) in GROUPES_SERVICES.items():
        part_dep = d[(d["age"] >= a0) & (d["age"] <= a1)].groupby("code_dep")["part"].sum()
        part_nat = pop[(pop["age"] >= a0) & (pop["age"] <= a1)]["population"].sum() / nationale
        ecart = float(np.sqrt((((part_dep - part_nat) / part_nat) ** 2).mean()))
        resultat[nom] = ecart if np.isfinite(ecart) else 0.0
        poids[nom] = part_nat
    larges = [n for n in GROUPES_SERVICES if n != "85 ans et plus"]  # groupes disjoints
    resultat["Ensemble"] = float(
        sum(resultat[n] * poids[n] for n in larges) / sum(poids[n] for n in larges)
    )
    return resultat


def estimer(communes: pd.DataFrame, groupes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Population par sexe et âge estimée des `communes`.

    Args:
        communes: code_commune, code_dep, annee, population_municipale.
        groupes: estimations départementales (code_dep, annee, sexe, age_min, population).

    Returns:
        (population : code_commune, annee, sexe, age, population ;
         drapeaux : code_commune, annee, methode, code_dep, annee_structure,
         population_municipale, erreur_relative). Les communes dont le département n'a pas
        d'estimations sont absentes des deux.
    """
    vides = (
        pd.DataFrame(columns=["code_commune", "annee", "sexe", "age", "population"]),
        pd.DataFrame(
            columns=[
                "code_commune",
                "annee",
                "methode",
                "code_dep",
                "annee_structure",
                "population_municipale",
                "erreur_relative",
            ]
        ),
    )
    metropole = groupes[groupes["code_dep"].str.len() == 2]["code_dep"].nunique()
    ecart = ecarts_relatifs(groupes)["Ensemble"] if metropole > 1 else 0.0
    groupes = groupes[groupes["code_dep"].isin(communes["code_dep"].unique())]
    if communes.empty or groupes.empty:
        return vides
    detail = structures_detaillees(groupes)
    tableaux = {
        (dep, int(annee)): g.sort_values(["sexe", "age"])["part"].to_numpy().reshape(2, 101)
        for (dep, annee), g in detail.groupby(["code_dep", "annee"])
    }
    annees_dep: dict[str, list[int]] = {}
    for dep, annee in tableaux:
        annees_dep.setdefault(dep, []).append(annee)
    # Effectifs (parts × total, sexes 1 et 2) des deux dernières années de chaque département :
    # leurs rapports de cohorte vieillissent la structure au-delà de la dernière année.
    totaux = (
        groupes[groupes["sexe"].isin([1, 2])].groupby(["code_dep", "annee"])["population"].sum()
    )
    rapports: dict[str, np.ndarray] = {}
    for dep, annees in annees_dep.items():
        derniere = max(annees)
        if (dep, derniere - 1) in tableaux:
            rapports[dep] = rapports_de_cohorte(
                tableaux[(dep, derniere - 1)] * totaux.get((dep, derniere - 1), 1.0),
                tableaux[(dep, derniere)] * totaux.get((dep, derniere), 1.0),
            )
    ages = np.arange(101)
    morceaux, drapeaux = [], []
    for ligne in communes.itertuples(index=False):
        disponibles = sorted(annees_dep.get(ligne.code_dep, []))
        if not disponibles:
            continue
        avant = [a for a in disponibles if a <= ligne.annee]
        reprise = avant[-1] if avant else disponibles[0]
        parts = tableaux[(ligne.code_dep, reprise)]
        if ligne.annee > reprise:
            parts = vieillir(parts, ligne.annee - reprise, rapports.get(ligne.code_dep))
        effectifs = parts * ligne.population_municipale
        for sexe in (1, 2):
            morceaux.append(
                pd.DataFrame(
                    {
                        "code_commune": ligne.code_commune,
                        "annee": ligne.annee,
                        "sexe": sexe,
                        "age": ages,
                        "population": effectifs[sexe - 1],
                    }
                )
            )
        drapeaux.append(
            {
                "code_commune": ligne.code_commune,
                "annee": ligne.annee,
                "methode": METHODE,
                "code_dep": ligne.code_dep,
                "annee_structure": reprise,
                "population_municipale": ligne.population_municipale,
                "erreur_relative": ecart,
            }
        )
    if not morceaux:
        return vides
    return pd.concat(morceaux, ignore_index=True), pd.DataFrame(drapeaux)


def actualiser(con: base.Connexion) -> list[str]:
    """Recalcule toutes les estimations de `con` ; rend des remarques en français."""
    supprimer(con)
    communes = base.executer(con, SQL + "communes_a_estimer").df()
    if communes.empty:
        return []
    groupes = base.executer(con, SQL + "structures_departements").df()
    population, drapeaux = estimer(communes, groupes)
    remarques = []
    sans = sorted(set(communes["code_commune"]) - set(drapeaux["code_commune"]))
    if sans:
        deps = sorted(set(communes[communes["code_commune"].isin(sans)]["code_dep"]))
        remarques.append(
            f"{len(sans)} commune(s) des territoires sans recensement par âge ni estimations de "
            f"leur département ({', '.join(deps)}) : importez le recensement par sexe et âge "
            "(TD_POP1B) ou les estimations de population par département "
            "(estim-pop-dep-sexe-aq, insee.fr/fr/statistiques/1893198)."
        )
    if population.empty:
        return remarques
    empreinte = hashlib.sha256(
        pd.util.hash_pandas_object(drapeaux, index=False).values.tobytes()
    ).hexdigest()
    annees = sorted(drapeaux["annee"].unique())
    millesime = f"{annees[0]}-{annees[-1]}" if len(annees) > 1 else str(annees[0])
    id_source = sources.enregistrer_fichier(
        con, "estimation Vigie", SOURCE | {"millesime": millesime}, empreinte, origine="estimation"
    )
    con.register("_estimation", population)
    con.register("_drapeaux", drapeaux)
    try:
        base.executer(con, SQL + "ecrire_population", id_source=id_source)
        base.executer(con, SQL + "ecrire_drapeaux", id_source=id_source)
    finally:
        con.unregister("_estimation")
        con.unregister("_drapeaux")
    n = drapeaux["code_commune"].nunique()
    remarques.append(
        f"Structure par sexe et âge estimée pour {n} commune(s) sans recensement détaillé "
        f"(population légale × structure de leur département, années {', '.join(map(str, annees))}) "
        "; importez le recensement par sexe et âge (TD_POP1B) pour la remplacer."
    )
    return remarques


def _ecarts_tables(ecarts: dict[str, float]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(écart par âge détaillé, écart par groupe d'âges des agrégats)."""
    disjoints = [(n, b) for n, b in GROUPES_SERVICES.items() if n != "85 ans et plus"]
    ages = pd.DataFrame(
        [
            {"age": a, "ecart": next(ecarts[n] for n, (a0, a1) in disjoints if a0 <= a <= a1)}
            for a in range(101)
        ]
    )
    groupes = pd.DataFrame(
        [
            {"groupe_age": n, "age_min": a0, "age_max": a1, "ecart": ecarts[n], "croissance": False}
            for n, (a0, a1) in GROUPES_SERVICES.items()
        ]
        + [
            {
                "groupe_age": "Ensemble",
                "age_min": 0,
                "age_max": 100,
                "ecart": ecarts["Ensemble"],
                "croissance": True,
            }
        ]
    )
    return ages, groupes


def communes_estimees(con: base.Connexion) -> set[str]:
    """Codes des communes dont la structure par âge est estimée."""
    _preparer(con)
    return {c for (c,) in base.executer(con, SQL + "codes_estimees").fetchall()}


def elargir_intervalles(con: base.Connexion, id_calcul: int) -> dict[str, float] | None:
    """Élargit les intervalles du calcul `id_calcul` là où la structure par âge est estimée
    (voir la docstring du module) ; rend les écarts employés, ou None s'il n'y a rien à faire."""
    _preparer(con)
    if not base.executer(con, SQL + "compter_estimees").fetchone()[0]:
        return None
    groupes = base.executer(con, SQL + "structures_departements").df()
    if groupes[groupes["code_dep"].str.len() == 2]["code_dep"].nunique() < 2:
        return None
    ecarts = ecarts_relatifs(groupes)
    ages, groupes_age = _ecarts_tables(ecarts)
    con.register("_ecarts_ages", ages)
    con.register("_ecarts_groupes", groupes_age)
    try:
        base.executer(con, SQL + "elargir_population", id_calcul=id_calcul)
        base.executer(
            con, SQL + "elargir_agregats", id_calcul=id_calcul, horizon_total=HORIZON_ECART_TOTAL
        )
    finally:
        con.unregister("_ecarts_ages")
        con.unregister("_ecarts_groupes")
    return ecarts


def separer_par_annees(donnees: DonneesProjection) -> list[DonneesProjection]:
    """Sépare les entrées de projection en groupes de communes observées les mêmes années.

    Le modèle suppose que toutes ses communes ont les mêmes années de population (il calcule les
    migrations d'une année observée à la suivante) : des communes estimées sur 2019-2023 et des
    communes recensées sur 2006-2021 sont projetées séparément. Un groupe d'une seule année ne peut
    pas être projeté (pas de migrations) et est écarté.

    Returns:
        liste de `DonneesProjection`, le plus grand groupe d'abord.
    """
    pop = donnees.population
    signatures = pop.groupby("code_commune")["annee"].agg(lambda s: tuple(sorted(set(s))))
    groupes = []
    for signature, codes in signatures.groupby(signatures).groups.items():
        if len(signature) < 2:
            continue
        groupes.append(donnees.restreindre(codes))
    return sorted(groupes, key=lambda d: -d.population["code_commune"].nunique())
