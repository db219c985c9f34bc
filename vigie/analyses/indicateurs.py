"""Les indicateurs par commune : la classe `Indicateur`, une seule pour la carte, la page Données et
les comparaisons, et les indicateurs qu'un analyste ajoute par une vue de `sql/views/`.

Toute vue de la forme `code_commune, annee, valeur` (et éventuellement `scenario`) est un indicateur
que la carte et les comparaisons savent montrer, avec l'en-tête de la vue pour titre, unité et
source. Un analyste en ajoute un en déposant un fichier ; aucune ligne de Python à écrire. Les
indicateurs livrés (recensement, projection, services) sont décrits de la même façon dans
`vigie.analyses.indicateurs_carte.CATALOGUE`.

La forme d'une vue indicateur, exactement (ordre des colonnes libre, aucune autre colonne) :

| colonne        | type                          | sens                                   |
|----------------|-------------------------------|----------------------------------------|
| `code_commune` | texte (VARCHAR)               | code INSEE de la commune               |
| `annee`        | entier (SMALLINT, INTEGER...) | année (recensement, projection...)     |
| `valeur`       | nombre (DOUBLE, DECIMAL, INT) | la valeur, dans l'unité de l'en-tête   |
| `scenario`     | texte, facultatif             | scénario de projection                 |

Les valeurs sont par commune : elles ne sont jamais additionnées en un périmètre ici, une part ou
un taux ne s'additionne pas ; une page qui compare des périmètres montre les valeurs des communes
(carte, distribution) ou demande à la vue son propre agrégat.

Usage : `lister(con, catalogue.vues_actives)` (ou `lister_catalogue(catalogue)`) puis
`donnees(con, indicateur, niveau, code, scenario=None)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from vigie.format_fr import ecart, nombre, pourcentage
from vigie.stockage import base, lecture, vues

COLONNES = ("code_commune", "annee", "valeur")
COLONNE_SCENARIO = "scenario"
FAMILLE_ANALYSTES = "Indicateurs des analystes"
FAMILLES = ("Recensement", "Projection", "Services", FAMILLE_ANALYSTES)
# Les unités d'en-tête qui disent « une fraction » : 0,034 s'écrit 3,4 %.
UNITES_PART = ("part", "fraction", "proportion")
_TEXTE = ("VARCHAR",)
_ENTIERS = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
)
_NOMBRES = _ENTIERS + ("FLOAT", "DOUBLE", "REAL")

# choix : ce que l'utilisateur doit choisir pour un indicateur.
#   annee            une année de recensement            -> $annee
#   periode          deux années de recensement          -> $annee_debut, $annee_fin
#   annee_projection une année projetée                  -> $annee
#   scenario         un scénario de projection           -> $scenario
#   service          un service avec un ratio de demande -> $service
#   annee_donnee     une année de la vue d'un analyste   (filtre les lignes rendues)
#   scenario_donnee  un scénario de la vue d'un analyste -> $scenario


@dataclass(frozen=True, eq=False)
class Indicateur:
    """Un indicateur par commune, livré ou tiré d'une vue d'analyste.

    Attributes:
        cle: identifiant stable (valeurs des widgets, adresses, tests) ; `vue:<nom>` pour une vue.
        titre: le nom en français, comme un conseil le lit (« Part des 75 ans ou plus »).
        famille: une de FAMILLES (regroupe la liste de choix).
        unite: l'unité écrite après les nombres (« habitants », « lits ») ; "" pour les parts.
        format: "part" (0,034 -> 3,4 %), "evolution" (% signé), "nombre", "ecart" (nombre signé).
        requete: la requête nommée de `sql/queries/` qui donne les valeurs.
        colonne: la colonne de cette requête qui porte la valeur.
        parametres: les paramètres fixes de la requête (tranche d'âge, nom de la vue...).
        choix: les choix de l'utilisateur qu'il demande (voir ci-dessus).
        tables: les tables dont les sources sont citées sous la carte.
        divergente: des valeurs autour de zéro (gains et pertes) : une palette à deux côtés.
        groupe: le groupe d'âge nommé au survol (« personnes de 75 ans ou plus »).
        description: une phrase sous le sélecteur.
        source: la source de l'en-tête d'une vue (« INSEE, IGN »), "" pour un indicateur livré.
        grain: le grain de l'en-tête d'une vue.
        vue: la vue de `sql/views/` lue (indicateurs des analystes), None sinon.
        annees: les années présentes dans la vue (ce que l'utilisateur peut choisir).
        scenarios: les scénarios présents dans la vue, vide sans colonne scenario.
    """

    cle: str
    titre: str
    famille: str
    unite: str = ""
    format: str = "nombre"
    requete: str | None = None
    colonne: str = "valeur"
    parametres: dict = field(default_factory=dict)
    choix: tuple[str, ...] = ()
    tables: tuple[str, ...] = ("population",)
    divergente: bool = False
    groupe: str = ""
    description: str = ""
    source: str = ""
    grain: str = ""
    vue: str | None = None
    annees: tuple[int, ...] = ()
    scenarios: tuple[str, ...] = ()

    @property
    def nom(self) -> str:
        """Le nom de la vue lue, ou la clé d'un indicateur livré."""
        return self.vue or self.cle

    @property
    def par_scenario(self) -> bool:
        """L'indicateur a une valeur par scénario de projection."""
        return "scenario" in self.choix or "scenario_donnee" in self.choix

    @property
    def projete(self) -> bool:
        """L'indicateur vient d'une projection de Vigie (l'avertissement est montré)."""
        return "scenario" in self.choix

    @property
    def ligne_source(self) -> str:
        """La ligne sous un graphique ou une carte : `Source : ...`."""
        return f"Source : {self.source}" if self.source else "Source : non renseignée"

    def texte(self, valeur: float | None, unite: bool = True) -> str:
        """Une valeur écrite à la française, avec son unité."""
        if valeur is None or pd.isna(valeur):
            return "pas de donnée"
        if self.format == "part":
            return pourcentage(valeur)
        if self.format == "evolution":
            return pourcentage(valeur, signe=True)
        decimales = 0 if abs(valeur) >= 100 or float(valeur).is_integer() else 1
        texte = ecart(valeur, decimales) if self.format == "ecart" else nombre(valeur, decimales)
        return f"{texte} {self.unite}" if unite and self.unite else texte


def est_indicateur(colonnes: dict[str, str]) -> bool:
    """Si des colonnes {nom : type DuckDB} ont la forme d'un indicateur."""
    noms = set(colonnes)
    if noms not in (set(COLONNES), set(COLONNES) | {COLONNE_SCENARIO}):
        return False
    valeur = colonnes["valeur"].upper()
    return (
        colonnes["code_commune"].upper() in _TEXTE
        and colonnes["annee"].upper() in _ENTIERS
        and (valeur in _NOMBRES or valeur.startswith("DECIMAL"))
        and colonnes.get(COLONNE_SCENARIO, "VARCHAR").upper() in _TEXTE
    )


def depuis_vue(
    vue: vues.Vue,
    par_scenario: bool,
    annees: tuple[int, ...] = (),
    scenarios: tuple[str, ...] = (),
) -> Indicateur:
    """L'indicateur d'une vue de la forme `code_commune, annee, valeur [, scenario]`.

    Une unité d'en-tête « part », « fraction » ou « proportion » lit 0,034 comme 3,4 % ; « % »
    veut dire que les valeurs sont déjà des pourcentages.
    """
    unite = vue.entete.get("unite", "").strip()
    part = unite.lower() in UNITES_PART
    return Indicateur(
        cle=f"vue:{vue.nom}",
        titre=vue.titre,
        famille=FAMILLE_ANALYSTES,
        unite="" if part else unite,
        format="part" if part else "nombre",
        requete="indicateur_communes",
        # Le nom vient de la liste des vues appliquées (une liste blanche), jamais d'un utilisateur ;
        # le scénario, choisi par l'utilisateur pour une vue qui en a, est nul sinon.
        parametres={"vue": vue.nom, "scenario": None},
        choix=("annee_donnee", "scenario_donnee") if par_scenario else ("annee_donnee",),
        tables=(),
        description=vue.entete.get("description", ""),
        source=vue.entete.get("source", ""),
        grain=vue.entete.get("grain", ""),
        vue=vue.nom,
        annees=annees,
        scenarios=scenarios,
    )


def lister(con: base.Connexion, vues_actives: list[vues.Vue]) -> list[Indicateur]:
    """Les vues indicateurs du catalogue vivant, triées par titre, avec leurs années et scénarios.

    Args:
        con: un curseur du catalogue de l'application (`lecture.Catalogue.curseur()`).
        vues_actives: les vues qui y sont appliquées (`Catalogue.vues_actives`), pour leurs en-têtes.
    """
    colonnes: dict[str, dict[str, str]] = {}
    for ligne in base.requete(con, "colonnes_vues").itertuples():
        colonnes.setdefault(ligne.vue, {})[ligne.colonne] = ligne.type_donnee
    indicateurs = []
    for vue in vues_actives:
        if vue.nom in colonnes and est_indicateur(colonnes[vue.nom]):
            par_scenario = COLONNE_SCENARIO in colonnes[vue.nom]
            annees = base.requete(con, "indicateur_annees", vue=vue.nom)["annee"]
            scenarios = (
                base.requete(con, "indicateur_scenarios", vue=vue.nom)["scenario"]
                if par_scenario
                else []
            )
            indicateurs.append(
                depuis_vue(
                    vue,
                    par_scenario,
                    tuple(int(a) for a in annees),
                    tuple(str(s) for s in scenarios),
                )
            )
    return sorted(indicateurs, key=lambda i: i.titre)


def lister_catalogue(catalogue: lecture.Catalogue) -> list[Indicateur]:
    """`lister` sur le catalogue de l'application, ses vues relues depuis les fichiers."""
    curseur = catalogue.curseur()
    try:
        return lister(curseur, catalogue.vues_actives)
    finally:
        curseur.close()


def donnees(
    con: base.Connexion,
    indicateur: Indicateur | str,
    niveau: str,
    code: str,
    scenario: str | None = None,
    indicateurs: list[Indicateur] | None = None,
) -> pd.DataFrame:
    """Les valeurs d'une vue indicateur pour les communes d'un périmètre.

    Returns:
        code_commune, nom_commune, annee, valeur (et scenario en premier pour un indicateur par
        scénario ; tous les scénarios quand `scenario` est None), triées par année puis nom.

    Raises:
        KeyError: quand `indicateur` est un nom absent des indicateurs détectés (donnés dans
            `indicateurs`, ou listés depuis `con`) : le nom d'une vue n'est jamais cru sur parole.
    """
    if isinstance(indicateur, str):
        connus = {i.nom: i for i in (indicateurs or [])}
        if indicateur not in connus:
            raise KeyError(
                f"« {indicateur} » n'est pas un indicateur : la vue doit avoir exactement les "
                "colonnes code_commune, annee, valeur (et éventuellement scenario)"
            )
        indicateur = connus[indicateur]
    if indicateur.vue is None:
        raise KeyError(f"« {indicateur.titre} » n'est pas tiré d'une vue de sql/views.")
    parametres = dict(indicateur.parametres, niveau=niveau, code=code)
    if indicateur.par_scenario:
        parametres["scenario"] = scenario
    lignes = base.requete(con, indicateur.requete, **parametres)
    return lignes if indicateur.par_scenario else lignes.drop(columns=COLONNE_SCENARIO)
