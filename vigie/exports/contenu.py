"""Ce que dit un document de conseil sur un territoire et un scénario : les chiffres, les phrases,
les graphiques et les sources, réunis une fois et partagés par le dossier PDF, la fiche commune, le
diaporama PowerPoint, le classeur Excel et le mode présentation.

Les nombres viennent des mêmes requêtes nommées (`sql/queries/`), du même calcul de la demande
(`vigie.analyses.services`) et des mêmes fonctions de figures (`vigie.figures.*`) que les pages :
un document dit donc ce que montre l'application. Pas de streamlit ici.

Un scénario est soit un scénario stocké (`projection_scenario`, calculé à la construction de la
base : passer son code), soit, pour les scénarios qu'un utilisateur calcule dans l'application, un
`ScenarioCalcule` qui tient ses résultats au niveau du périmètre (voir `scenario_stocke` pour les
colonnes attendues).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from vigie import textes
from vigie.analyses import services
from vigie.figures import accueil as graphiques
from vigie.figures import population as gp
from vigie.figures import services as gs
from vigie.format_fr import ecart as ecart_signe
from vigie.format_fr import fourchette, libelle_fourchette, nombre, pourcentage, seuil
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base, catalogue_services, lecture


class ErreurExport(ValueError):
    """Un document ne peut pas être produit (territoire ou scénario inconnu, pas de données) : le
    message dit pourquoi."""


@dataclass(frozen=True)
class ScenarioCalcule:
    """Les résultats d'un scénario pour un périmètre, tels que les documents en ont besoin.

    Attributes:
        code, libelle: identifiant et libellé français (« Scénario central »).
        population: population projetée par année et âge détaillé (annee, age, population),
            l'entrée de la demande de services.
        totale: total projeté par année (annee, population, bas_80, haut_80, bas_95, haut_95 ;
            bornes vides quand le scénario n'en a pas).
        groupes: groupes d'âge projetés (annee, rang, groupe_age, population, bas_80.. haut_95).
        intervalles: bornes simulées des groupes d'âge qu'utilise la demande (requête
            `demande_intervalles` ; vide sans bornes).
        composantes: naissances, décès et migrations par année (requête
            `projection_composantes`).
        pyramide_horizon: population par sexe et âge à l'horizon (sexe, age, population).
        parametres: les hypothèses du scénario (un `Scenario.to_dict()`).
        stocke: True pour un scénario de la base construite.
    """

    code: str
    libelle: str
    population: pd.DataFrame
    totale: pd.DataFrame
    groupes: pd.DataFrame
    intervalles: pd.DataFrame
    composantes: pd.DataFrame
    pyramide_horizon: pd.DataFrame
    parametres: dict = field(default_factory=dict)
    stocke: bool = True

    @property
    def a_fourchettes(self) -> bool:
        return bool(len(self.totale)) and self.totale["bas_80"].notna().all()


def scenarios_stockes(con: base.Connexion) -> dict[str, str]:
    """Les scénarios de la base construite : code -> libellé, le central d'abord."""
    df = base.requete(con, "projection_scenarios")
    return dict(zip(df["scenario"], df["libelle"], strict=True))


def scenario_stocke(
    con: base.Connexion, niveau: str, code: str, scenario: str, horizon: int
) -> ScenarioCalcule:
    """Lit les résultats d'un scénario stocké pour un périmètre, jusqu'à l'horizon."""
    table = base.requete(con, "projection_scenarios").set_index("scenario")
    if scenario not in table.index:
        connus = ", ".join(table.index)
        raise ErreurExport(f"Scénario inconnu : « {scenario} ». Scénarios disponibles : {connus}.")
    p = dict(niveau=niveau, code=code)
    totale = base.requete(con, "projection_totale", **p, horizon=horizon)
    population = base.requete(con, "demande_population", **p, scenario=scenario)
    return ScenarioCalcule(
        code=scenario,
        libelle=str(table.at[scenario, "libelle"]),
        population=population[population["annee"] <= horizon],
        totale=totale[totale["scenario"] == scenario].drop(columns="scenario"),
        groupes=base.requete(
            con, "projection_groupes_age", **p, scenario=scenario, horizon=horizon
        ),
        intervalles=base.requete(con, "demande_intervalles", **p, scenario=scenario),
        composantes=base.requete(
            con, "projection_composantes", **p, scenario=scenario, horizon=horizon
        ),
        pyramide_horizon=base.requete(
            con, "pyramide_projetee", **p, scenario=scenario, annee=horizon
        ),
        parametres=json.loads(table.at[scenario, "parametres"] or "{}"),
    )


def _annees(valeurs: list[str]) -> str:
    """`2017, 2018, 2019, 2021` → `2017–2019, 2021` ; des millésimes non numériques, tels quels."""
    if not all(v.isdigit() for v in valeurs):
        return ", ".join(valeurs)
    annees = sorted({int(v) for v in valeurs})
    morceaux, debut, fin = [], annees[0], annees[0]
    for a in [*annees[1:], None]:
        if a is not None and a == fin + 1:
            fin = a
            continue
        morceaux.append(str(debut) if debut == fin else f"{debut}\u2013{fin}")
        if a is not None:
            debut = fin = a
    return ", ".join(morceaux)


def regrouper_millesimes(paires) -> str:
    """Les millésimes (titre, millésime) regroupés par titre, dans l'ordre de première apparition :
    `Recensement 2021 ; Populations légales 2017–2022`."""
    groupes: dict[str, list[str]] = {}
    for titre, millesime in paires:
        valeurs = groupes.setdefault(str(titre), [])
        if str(millesime) not in valeurs:
            valeurs.append(str(millesime))
    return " ; ".join(f"{titre} {_annees(v)}" for titre, v in groupes.items())


@dataclass
class Dossier:
    """Tout ce que montre un document sur un périmètre, un scénario et un horizon."""

    niveau: str
    code: str
    nom: str
    horizon: int
    scenario: ScenarioCalcule
    date: dt.date
    histoire: pd.DataFrame  # indicateurs_cles : années de recensement
    evenements: pd.DataFrame  # naissances et décès
    pyramide_recensement: pd.DataFrame
    groupes_observes: pd.DataFrame
    totales: pd.DataFrame  # total de chaque scénario (scenario, annee, population, bornes)
    libelles_scenarios: dict[str, str]
    bilan: services.Bilan
    equipements: pd.DataFrame
    sources: (
        pd.DataFrame
    )  # sources_toutes_perimetre : éditeur, titre, millésime, licence, date d'import
    methode_intervalles: str
    communes: pd.DataFrame
    scenarios_compares: pd.DataFrame  # une ligne par scénario stocké (voir `comparer_scenarios`)
    previsions_usage: pd.DataFrame = field(default_factory=pd.DataFrame)  # prévisions d'usage

    # ------------------------------------------------------------------ chiffres clés
    @property
    def annee_recensement(self) -> int:
        return int(self.histoire["annee"].max())

    @property
    def population_recensement(self) -> float:
        return float(self.histoire.iloc[-1]["population"])

    @property
    def fin(self) -> pd.Series:
        """Le total projeté à l'horizon (population, bas_80..)."""
        t = self.scenario.totale
        return t[t["annee"] == self.horizon].iloc[0]

    @property
    def libelle_niveau(self) -> str:
        return textes.NIVEAUX[self.niveau]

    @property
    def nom_scenario(self) -> str:
        """`scénario central`, `scénario « Fécondité haute »`."""
        return services.nom_scenario(self.scenario.code, self.scenario.libelle).removeprefix("le ")

    def habitants_fin(self, sans_fourchette: str = "") -> str:
        """`entre 111 000 et 135 000 habitants (fourchette à 80 %), 119 000 le plus probable`,
        ou `environ 119 000 habitants` suivi de `sans_fourchette` quand le scénario n'a pas de fourchette."""
        f = self.fin
        if pd.notna(f["bas_80"]):
            return fourchette(
                f["bas_80"], f["population"], f["haut_80"], "habitants", etiquette=True
            )
        return f"environ {nombre(gp.arrondi(f['population']))} habitants{sans_fourchette}"

    def phrase_population(self) -> str:
        """`En 2050, X compterait entre 111 000 et 135 000 habitants (fourchette à 80 %), 119 000
        le plus probable (scénario central).`"""
        texte = self.habitants_fin()
        return f"En {self.horizon}, {self.nom} compterait {texte} ({self.nom_scenario})."

    def phrase_aujourdhui(self) -> str:
        h = self.histoire
        dernier = h.iloc[-1]
        precedent = h[h["annee"] == self.annee_recensement - 5]
        precedent = precedent.iloc[0] if not precedent.empty else h.iloc[0]
        variation = dernier["population"] / precedent["population"] - 1
        return (
            f"{nombre(dernier['population'])} habitants au 1er janvier {self.annee_recensement} "
            f"({pourcentage(variation, signe=True)} depuis {int(precedent['annee'])})."
        )

    @cached_property
    def evolution_groupes(self) -> pd.DataFrame:
        return gp.evolution_groupes(self.groupes_observes, self.scenario.groupes)

    @cached_property
    def alertes(self) -> list[services.Alerte]:
        return services.alertes(self.bilan, self.scenario.libelle)

    # ------------------------------------------------------------------ sources
    @property
    def millesimes(self) -> str:
        """`Recensement 2021 ; Populations légales 2017–2022 ; …` — les millésimes des données
        utilisées, un groupe par titre (un Pays réel en a une vingtaine : issue 18)."""
        return regrouper_millesimes(
            (r.titre, r.millesime) for r in self.sources.itertuples() if not pd.isna(r.millesime)
        )

    def source(self, *tables: str) -> str:
        """`Source : éditeur, titre (millésime)` pour les tables données."""
        lignes = []
        for r in self.sources.itertuples():
            noms = {t.strip() for t in str(r.tables).split(",")}
            if noms & set(tables):
                lignes.append({"editeur": r.editeur, "titre": r.titre, "millesime": r.millesime})
        return textes.ligne_source(lignes)

    @property
    def source_projection(self) -> str:
        return (
            f"Projection Vigie par composantes (méthode Omphale de l'INSEE), base "
            f"{self.annee_recensement}, {self.nom_scenario} ; données : "
            f"{self.source('population').removeprefix('Source : ')}"
        )

    @property
    def source_services(self) -> str:
        return (
            f"Besoin : projection Vigie ({self.nom_scenario}) × ratios publiés ; "
            f"{self.source('population').removeprefix('Source : ')} ; capacité : "
            f"{self.source('equipement').removeprefix('Source : ')}"
        )

    # ------------------------------------------------------------------ figures (celles de l'appli)
    def figure_projection(self) -> go.Figure:
        return gp.figure_projection_totale(
            self.histoire,
            self.scenario.totale,
            self.nom,
            self.source_projection,
            self.nom_scenario,
        )

    def figure_eventail(self) -> go.Figure:
        return gp.figure_eventail(
            self.histoire, self.totales, self.libelles_scenarios, self.nom, self.source_projection
        )

    def figure_groupes(self) -> go.Figure:
        return gp.figure_groupes_cles(
            self.groupes_observes, self.scenario.groupes, self.source_projection
        )

    def figure_pyramide(self) -> go.Figure:
        return gp.figure_pyramide_projetee(
            self.scenario.pyramide_horizon,
            self.horizon,
            self.pyramide_recensement,
            self.annee_recensement,
            self.source_projection,
        )

    def figure_evolution(self) -> go.Figure:
        return graphiques.figure_evolution_population(
            self.histoire, self.nom, self.source("population")
        )

    def figure_composantes(self) -> go.Figure:
        return gp.figure_composantes(self.scenario.composantes, self.source_projection)

    def figure_couverture(self) -> go.Figure | None:
        s = self.bilan.synthese
        if s.empty or not ((s["comparabilite"] == "comparable") & (s["demande"] > 0)).any():
            return None
        return gs.figure_couverture(s, self.nom_scenario, self.source_services)

    def figure_service(self, service: str) -> go.Figure:
        ligne = self.bilan.synthese.set_index("service").loc[service]
        ecart = self.bilan.ecart[self.bilan.ecart["service"] == service]
        return gs.figure_demande_capacite(
            ecart,
            ligne.to_dict(),
            textes.libelle_service(service),
            self.nom_scenario,
            self.source_services,
        )

    # ------------------------------------------------------------------ tableaux (valeurs brutes)
    # En-têtes français avec leurs unités ; les nombres restent des nombres, non arrondis (le
    # classeur les montre avec un format de nombre, le PDF les met en forme une fois : pas de
    # double arrondi).
    def tableau_population(self) -> pd.DataFrame:
        h = self.histoire
        return pd.DataFrame(
            {
                "Année": h["annee"].astype(int),
                "Population (habitants)": h["population"],
                "Moins de 3 ans (habitants)": h["population_0_2"],
                "75 ans ou plus (habitants)": h["population_75_plus"],
                "Part des moins de 3 ans (%)": (h["part_0_2"] * 100).round(2),
                "Part des 75 ans ou plus (%)": (h["part_75_plus"] * 100).round(2),
            }
        )

    def tableau_projection(self) -> pd.DataFrame:
        t = self.scenario.totale.sort_values("annee")
        return pd.DataFrame(
            {
                "Année": t["annee"].astype(int),
                "Population projetée (habitants)": t["population"].round(0),
                f"Borne basse {seuil(80)} (habitants)": t["bas_80"].round(0),
                f"Borne haute {seuil(80)} (habitants)": t["haut_80"].round(0),
                f"Borne basse {seuil(95)} (habitants)": t["bas_95"].round(0),
                f"Borne haute {seuil(95)} (habitants)": t["haut_95"].round(0),
            }
        )

    def tableau_groupes(self) -> pd.DataFrame:
        e = self.evolution_groupes
        if e.empty:
            return pd.DataFrame()
        return pd.DataFrame(
            {
                "Groupe d'âge": e["libelle"],
                f"Recensement {self.annee_recensement} (habitants)": e["base"],
                f"Projection {self.horizon} (habitants)": e["population"].round(0),
                f"Borne basse {seuil(80)} (habitants)": e["bas_80"].round(0),
                f"Borne haute {seuil(80)} (habitants)": e["haut_80"].round(0),
                "Évolution (%)": (e["evolution"] * 100).round(1),
            }
        )

    def tableau_services(self) -> pd.DataFrame:
        s = self.bilan.synthese
        if s.empty:
            return pd.DataFrame()
        comparable = s["comparabilite"] == "comparable"
        return pd.DataFrame(
            {
                "Service": s["libelle"],
                "Unité": s["unite"],
                f"Besoin en {self.horizon}": s["demande"],
                f"Borne basse {seuil(80)}": s["bas_80"],
                f"Borne haute {seuil(80)}": s["haut_80"],
                f"Capacité en {self.horizon}": s["capacite"].where(comparable),
                "Écart (capacité − besoin)": s["ecart"].where(comparable),
                "Premier déficit": s["premiere_annee"].astype("Int64"),
                "Premier déficit (hypothèse haute)": s["premiere_annee_haut_80"].astype("Int64"),
            }
        )

    def tableau_ecarts(self) -> pd.DataFrame:
        """Demande, capacité et écart année par année, pour les services à capacité comparable."""
        e = self.bilan.ecart
        e = e[e["comparabilite"] == "comparable"].copy()
        if e.empty:
            return pd.DataFrame()
        e = e.assign(rang=e["service"].map(catalogue_services.rang)).sort_values(["rang", "annee"])
        situation = [
            "déficit" if c else ("déficit possible (hypothèse haute)" if h else "suffisant")
            for c, h in zip(e["deficit"], e["deficit_haut_80"], strict=True)
        ]
        return pd.DataFrame(
            {
                "Service": e["service"].map(textes.libelle_service),
                "Unité": e["unite"],
                "Année": e["annee"].astype(int),
                "Besoin": e["demande"],
                f"Borne basse {seuil(80)}": e["bas_80"],
                f"Borne haute {seuil(80)}": e["haut_80"],
                "Capacité": e["capacite"],
                "Écart (capacité − besoin)": e["ecart"],
                "Situation": situation,
            }
        )

    def tableau_scenarios(self) -> pd.DataFrame:
        c = self.scenarios_compares
        return pd.DataFrame(
            {
                "Scénario": c["libelle"],
                "Hypothèses": c["hypotheses"],
                f"Habitants en {self.horizon}": c["population"].round(0),
                "Écart au scénario central (habitants)": c["ecart_central"].round(0),
                f"Services en déficit d'ici {self.horizon} (première année)": c["deficits"],
            }
        )

    def tableau_ratios(self) -> pd.DataFrame:
        r = self.bilan.ratios
        r = r[r["retenue"]]
        return pd.DataFrame(
            {
                "Service": r["service"].map(textes.libelle_service),
                "Ratio utilisé": [
                    services.phrase_ratio(x.ratio, x.par, x.unite, x.age_min, x.age_max)
                    for x in r.itertuples()
                ],
                "Modifié pour ce territoire": r["modifie"].map({True: "oui", False: "non"}),
                "Source": r["source_texte"] + " (" + r["annee_source"].astype(str) + ")",
            }
        )

    def tableau_sources(self) -> pd.DataFrame:
        s = self.sources
        return pd.DataFrame(
            {
                "Éditeur": s["editeur"],
                "Titre": s["titre"],
                "Millésime": s["millesime"],
                "Licence": s["licence"],
                "Tables": s["tables"],
                "Importé le": pd.to_datetime(s["importe_le"]).dt.strftime("%d/%m/%Y"),
            }
        )

    def tableau_equipements(self) -> pd.DataFrame:
        e = self.equipements
        return pd.DataFrame(
            {
                "Service": e["service"].map(textes.libelle_service),
                "Équipement": e["nom"],
                "Type": e["type_equipement"],
                "Commune": e["nom_commune"],
                "Code commune": e["code_commune"],
                "Capacité": e["capacite"],
                "Unité de capacité": e["unite_capacite"],
                "Ouverture": e["annee_ouverture"].astype("Int64"),
                "Fermeture": e["annee_fermeture"].astype("Int64"),
                "En service": e["en_service"].map({True: "oui", False: "non"}),
                "Source de la capacité": e["source_capacite"],
            }
        )

    def services_a_detailler(self) -> list[str]:
        """Services à capacité comparable, les plus urgents d'abord."""
        synthese = self.bilan.synthese.set_index("service")
        return [
            a.service
            for a in self.alertes
            if synthese.at[a.service, "comparabilite"] == "comparable"
        ]


def rassembler(
    con: base.Connexion,
    niveau: str,
    code: str,
    horizon: int = 2050,
    scenario: str | ScenarioCalcule = services.SCENARIO_CENTRAL,
    date: dt.date | None = None,
    comparer: bool = True,
) -> Dossier:
    """Réunit les chiffres d'un périmètre pour un scénario (code stocké ou résultats calculés).

    `comparer=False` saute la comparaison des scénarios stockés (absente d'une fiche commune).

    Raises:
        ErreurExport: périmètre ou scénario inconnu, ou pas de projection pour ce périmètre.
    """
    perimetres = base.requete(con, "perimetres")
    trouve = perimetres[(perimetres["niveau"] == niveau) & (perimetres["code_perimetre"] == code)]
    if trouve.empty:
        raise ErreurExport(
            f"Territoire inconnu : niveau « {niveau} », code « {code} ». Les niveaux possibles "
            f"sont {', '.join(textes.NIVEAUX_CHOIX)} ; la liste des codes est sur la page Données."
        )
    nom = str(trouve["nom_perimetre"].iloc[0])
    p = dict(niveau=niveau, code=code)
    histoire = base.requete(con, "indicateurs_cles", **p)
    if histoire.empty:
        raise ErreurExport(f"Aucune donnée de population pour {nom} : importez le recensement.")
    if isinstance(scenario, str):
        scenario = scenario_stocke(con, niveau, code, scenario, horizon)
    if scenario.totale.empty or horizon not in set(scenario.totale["annee"].astype(int)):
        raise ErreurExport(
            f"Pas de projection jusqu'en {horizon} pour {nom} : reconstruisez la base "
            "(python -m vigie build) ou choisissez un horizon plus proche."
        )
    totales = base.requete(con, "projection_totale", **p, horizon=horizon)
    if not scenario.stocke:
        totales = pd.concat(
            [totales, scenario.totale.assign(scenario=scenario.code)], ignore_index=True
        )
    scenarios = base.requete(con, "projection_scenarios")
    libelles = dict(zip(scenarios["scenario"], scenarios["libelle"], strict=True))
    libelles.setdefault(scenario.code, scenario.libelle)
    equipements = base.requete(con, "equipements", **p)
    reglages = ratios_utilisateur.lire(niveau, code)
    bilan = services.calculer_bilan(
        population=scenario.population.assign(scenario=scenario.code),
        intervalles=scenario.intervalles,
        defauts=base.requete(con, "ratios_demande"),
        equipements=equipements,
        horizon=horizon,
        scenario=scenario.code,
        modifications=reglages.modifications,
        methodes=reglages.methodes,
    )
    methode = scenarios.loc[scenarios["scenario"] == "central", "methode_intervalles"]
    compares = (
        comparer_scenarios(con, niveau, code, horizon, totales, scenarios, reglages)
        if comparer
        else pd.DataFrame()
    )
    return Dossier(
        niveau=niveau,
        code=code,
        nom=nom,
        horizon=int(horizon),
        scenario=scenario,
        date=date or dt.date.today(),
        histoire=histoire,
        evenements=base.requete(con, "naissances_deces", **p),
        pyramide_recensement=base.requete(con, "pyramide", **p, annee=int(histoire["annee"].max())),
        groupes_observes=base.requete(con, "groupes_age_observes", **p),
        totales=totales,
        libelles_scenarios=libelles,
        bilan=bilan,
        equipements=equipements,
        sources=base.requete(con, "sources_toutes_perimetre", **p),
        methode_intervalles=str(methode.iloc[0]) if len(methode) else "",
        communes=base.requete(con, "communes_du_perimetre", **p),
        scenarios_compares=compares,
        previsions_usage=previsions_usage(con, niveau, code),
    )


def projection_communes(con: base.Connexion, d: Dossier) -> pd.DataFrame:
    """La population projetée de chaque commune du périmètre pour le scénario du dossier (une
    ligne par commune, année, groupe d'âge ; bornes à 80 %), pour la feuille par commune du
    classeur. Vide pour une commune seule (c'est la feuille Projection) ou pour un scénario
    calculé à la demande (ses résultats par commune ne sont pas gardés dans la base)."""
    if d.niveau == "commune" or not d.scenario.stocke:
        return pd.DataFrame()
    return base.requete(
        con,
        "projection_communes",
        niveau=d.niveau,
        code=d.code,
        scenario=d.scenario.code,
        horizon=d.horizon,
    )


def previsions_usage(con: base.Connexion, niveau: str, code: str) -> pd.DataFrame:
    """Prévisions mensuelles de fréquentation avec leurs bornes 80 % et 95 % pour les séries du
    périmètre (vide quand `python -m vigie forecast` n'a pas été lancé)."""
    if not lecture.previsions_attachees(con):
        return pd.DataFrame()
    series = base.requete(con, "frequentation_series", niveau=niveau, code=code)
    morceaux = []
    for s in series.itertuples():
        prevision = base.requete(con, "frequentation_prevision", id_serie=s.id_serie)
        if prevision.empty:
            continue
        morceaux.append(
            prevision.assign(
                service=textes.libelle_service(s.service),
                indicateur=s.indicateur,
                unite=s.unite,
                commune=s.nom_commune,
                equipement=s.nom_equipement,
                modele=s.libelle_modele,
            )
        )
    if not morceaux:
        return pd.DataFrame()
    p = pd.concat(morceaux, ignore_index=True)
    return pd.DataFrame(
        {
            "Service": p["service"],
            "Commune": p["commune"],
            "Équipement": p["equipement"],
            "Indicateur": p["indicateur"],
            "Unité": p["unite"],
            "Mois": pd.to_datetime(p["periode"]).dt.date,
            "Prévision": p["moyenne"].round(1),
            f"Borne basse {seuil(80)}": p["bas_80"].round(1),
            f"Borne haute {seuil(80)}": p["haut_80"].round(1),
            f"Borne basse {seuil(95)}": p["bas_95"].round(1),
            f"Borne haute {seuil(95)}": p["haut_95"].round(1),
            "Modèle": p["modele"],
        }
    )


def comparer_scenarios(
    con: base.Connexion,
    niveau: str,
    code: str,
    horizon: int,
    totales: pd.DataFrame,
    scenarios: pd.DataFrame,
    reglages: ratios_utilisateur.Reglages,
) -> pd.DataFrame:
    """Chaque scénario stocké à l'horizon : population, écart au central et services en manque de
    capacité (avec leur première année de déficit), avec les ratios propres du périmètre."""
    defauts = base.requete(con, "ratios_demande")
    equipements = base.requete(con, "equipements", niveau=niveau, code=code)
    finales = totales[totales["annee"] == horizon].set_index("scenario")["population"]
    central = finales.get(services.SCENARIO_CENTRAL)
    lignes = []
    for r in scenarios.itertuples():
        if r.scenario not in finales.index:
            continue
        bilan = services.calculer_bilan(
            population=base.requete(
                con, "demande_population", niveau=niveau, code=code, scenario=r.scenario
            ),
            intervalles=pd.DataFrame(),  # 1er déficit du chemin central de chaque scénario
            defauts=defauts,
            equipements=equipements,
            horizon=horizon,
            scenario=r.scenario,
            modifications=reglages.modifications,
            methodes=reglages.methodes,
        )
        lignes.append(
            ligne_comparaison(
                r.scenario,
                r.libelle,
                hypotheses(json.loads(r.parametres or "{}")),
                float(finales[r.scenario]),
                central,
                bilan.synthese,
            )
        )
    return pd.DataFrame(lignes)


def ligne_comparaison(
    scenario: str,
    libelle: str,
    hypotheses_texte: str,
    population: float,
    central: float | None,
    synthese: pd.DataFrame,
) -> dict:
    """La ligne d'un scénario dans la comparaison des scénarios (`comparer_scenarios`) : sa
    population à l'horizon, l'écart au central, les services en manque avec leur première année.
    Un scénario enregistré y est ajouté avec ses propres résultats (`vigie.interface.exports`)."""
    deficits = synthese[synthese["premiere_annee"].notna()] if not synthese.empty else synthese
    return {
        "scenario": scenario,
        "libelle": libelle,
        "hypotheses": hypotheses_texte,
        "population": float(population),
        "ecart_central": float(population - central) if central is not None else float("nan"),
        "deficits": "; ".join(
            f"{textes.libelle_service(d.service)} ({int(d.premiere_annee)})"
            for d in deficits.itertuples()
        )
        or "aucun",
    }


def hypotheses(parametres: dict) -> str:
    """Les hypothèses d'un scénario en mots (la formulation de la page Population)."""
    details = []
    if parametres.get("fecondite_ecart"):
        details.append(
            f"fécondité {ecart_signe(parametres['fecondite_ecart'], 1)} enfant par femme"
        )
    if parametres.get("esperance_vie", "centrale") != "centrale":
        details.append(f"espérance de vie {parametres['esperance_vie']}")
    if parametres.get("migration_multiplicateur", 1) != 1:
        details.append(f"soldes migratoires × {nombre(parametres['migration_multiplicateur'], 1)}")
    for programme in parametres.get("programmes_logement") or []:
        details.append(
            f"{nombre(programme.get('logements', 0))} logements à {programme.get('code_commune')} "
            f"à partir de {programme.get('annee_debut')}"
        )
    return ", ".join(details) if details else "tendances récentes prolongées"


METHODE = (
    "Projection par composantes (la méthode d'Omphale, l'outil de projection de l'INSEE), par "
    "commune, sexe et âge détaillé, année par année. Mortalité : quotients nationaux par âge "
    "ajustés aux décès observés du territoire. Fécondité : profil national par âge, niveau des "
    "naissances observées. Migrations : soldes par âge entre les deux derniers recensements. Les "
    "fourchettes viennent de simulations (4 chances sur 5 d'être dans la "
    f"{libelle_fourchette()}) ; les "
    "scénarios disent ce que changerait une autre hypothèse. Besoins des services : population "
    "projetée par âge × ratios publiés (ou modifiés pour ce territoire), comparés aux capacités "
    "des équipements en service (ouvertures et fermetures connues)."
)
