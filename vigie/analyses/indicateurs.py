"""Indicators from views: any view of `sql/views/` shaped `code_commune, annee, valeur` (and
optionally `scenario`) is an indicator the map and the comparisons can show, with the view's header
as title, unit and source. An analyst adds one by dropping a file; no Python to write.

The shape, exactly (column order free, no other column):

| colonne        | type                          | sens                                   |
|----------------|-------------------------------|----------------------------------------|
| `code_commune` | texte (VARCHAR)               | code INSEE de la commune               |
| `annee`        | entier (SMALLINT, INTEGER...) | année (recensement, projection...)     |
| `valeur`       | nombre (DOUBLE, DECIMAL, INT) | la valeur, dans l'unité de l'en-tête   |
| `scenario`     | texte, facultatif             | scénario de projection                 |

Values are per commune: they are never summed to a perimeter here, since a share or a rate does not
add up; a page that compares perimeters shows the communes' values (map, distribution) or asks the
view for its own aggregate.

Use: `lister(con, catalogue.vues_actives)` (or `lister_catalogue(catalogue)`) then
`donnees(con, indicateur, niveau, code, scenario=None)`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vigie.stockage import base, lecture, vues

COLONNES = ("code_commune", "annee", "valeur")
COLONNE_SCENARIO = "scenario"
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


@dataclass(frozen=True)
class Indicateur:
    """An indicator view and what its header says."""

    nom: str
    titre: str
    description: str
    unite: str
    source: str
    grain: str
    par_scenario: bool

    @property
    def ligne_source(self) -> str:
        """The line under a chart or a map: `Source : ...`."""
        return f"Source : {self.source}" if self.source else "Source : non renseignée"


def est_indicateur(colonnes: dict[str, str]) -> bool:
    """Whether columns {name: DuckDB type} have the indicator shape."""
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


def lister(con: base.Connexion, vues_actives: list[vues.Vue]) -> list[Indicateur]:
    """The indicator views of the live catalogue, sorted by title.

    Args:
        con: a cursor of the app's catalogue (`lecture.Catalogue.curseur()`).
        vues_actives: the views applied in it (`Catalogue.vues_actives`), for their headers.
    """
    colonnes: dict[str, dict[str, str]] = {}
    for ligne in base.requete(con, "colonnes_vues").itertuples():
        colonnes.setdefault(ligne.vue, {})[ligne.colonne] = ligne.type_donnee
    indicateurs = []
    for vue in vues_actives:
        if vue.nom in colonnes and est_indicateur(colonnes[vue.nom]):
            indicateurs.append(
                Indicateur(
                    nom=vue.nom,
                    titre=vue.titre,
                    description=vue.entete.get("description", ""),
                    unite=vue.entete.get("unite", ""),
                    source=vue.entete.get("source", ""),
                    grain=vue.entete.get("grain", ""),
                    par_scenario=COLONNE_SCENARIO in colonnes[vue.nom],
                )
            )
    return sorted(indicateurs, key=lambda i: i.titre)


def lister_catalogue(catalogue: lecture.Catalogue) -> list[Indicateur]:
    """`lister` on the app's catalogue, with its views refreshed from the files."""
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
    """The indicator's values for the communes of a perimeter.

    Returns code_commune, nom_commune, annee, valeur (and scenario first for an indicator by
    scenario), sorted by year then commune name.

    Raises:
        KeyError: when `indicateur` is a name that is not among the detected indicators (given
            in `indicateurs`, or listed from `con`): the view name is never taken on trust.
    """
    if isinstance(indicateur, str):
        connus = {i.nom: i for i in (indicateurs or [])}
        if indicateur not in connus:
            raise KeyError(
                f"« {indicateur} » n'est pas un indicateur : la vue doit avoir exactement les "
                "colonnes code_commune, annee, valeur (et éventuellement scenario)"
            )
        indicateur = connus[indicateur]
    if indicateur.par_scenario:
        return base.requete(
            con,
            "indicateur_communes_scenario",
            vue=indicateur.nom,
            niveau=niveau,
            code=code,
            scenario=scenario,
        )
    return base.requete(con, "indicateur_communes", vue=indicateur.nom, niveau=niveau, code=code)
