"""What the Données page browses: the tables of the built database and the live views of
`sql/views`, their description and columns, and an object read with filters.

No streamlit here (the cached wrappers are in `vigie.interface.explorateur`). Object names come from
the catalogue itself (an allow-list), and filters are built with DuckDB's expression API, never by
formatting values into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from vigie.stockage import base, vues

LIMITE_AFFICHAGE = 50_000
MAX_MODALITES = 30  # a text column with at most this many values becomes a filter
# Columns never offered as category filters (identifiers, names, free text).
_PAS_UNE_CATEGORIE = ("code_", "nom_", "id_", "libelle", "description", "geojson", "sha256", "url")
_ENTIERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT")
_NOMBRES = _ENTIERS + ("FLOAT", "DOUBLE", "REAL", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")


@dataclass(frozen=True)
class Objet:
    """A table or a view an analyst can open."""

    nom: str
    genre: str  # "vue" or "table"
    titre: str
    description: str
    grain: str = ""
    unite: str = ""
    source: str = ""
    fichier: str = ""

    @property
    def libelle(self) -> str:
        if self.genre == "vue":
            return f"Vue · {self.titre} ({self.nom})"
        return f"Table · {self.nom}"


def lister_objets(con: duckdb.DuckDBPyConnection, vues_actives: list[vues.Vue]) -> list[Objet]:
    """The live views (headers) then the tables of the built database (comments)."""
    objets = [
        Objet(
            nom=vue.nom,
            genre="vue",
            titre=vue.titre,
            description=vue.entete.get("description", ""),
            grain=vue.entete.get("grain", ""),
            unite=vue.entete.get("unite", ""),
            source=vue.entete.get("source", ""),
            fichier=f"sql/views/{vue.chemin.name}",
        )
        for vue in sorted(vues_actives, key=lambda v: v.nom)
    ]
    for ligne in base.requete(con, "tables_base").itertuples():
        objets.append(
            Objet(nom=ligne.nom, genre="table", titre=ligne.nom, description=ligne.description)
        )
    return objets


def colonnes(con: duckdb.DuckDBPyConnection, nom: str) -> pd.DataFrame:
    """colonne, type_donnee, description of one object."""
    return base.requete(con, "colonnes_objet", objet=nom)


@dataclass
class Filtres:
    """What a reader of an object can filter on, from its columns."""

    par_commune: bool = False  # has code_commune: filter on the perimeter's communes
    par_perimetre: bool = False  # has niveau and code_perimetre: filter on the perimeter itself
    annees: list[int] = field(default_factory=list)
    categories: dict[str, list[str]] = field(default_factory=dict)


def _est_nombre(type_donnee: str) -> bool:
    return type_donnee.upper() in _NOMBRES or type_donnee.upper().startswith("DECIMAL")


def colonnes_numeriques(types: dict[str, str]) -> list[str]:
    return [c for c, t in types.items() if _est_nombre(t)]


def filtres_possibles(con: duckdb.DuckDBPyConnection, nom: str) -> Filtres:
    """The filters that make sense for an object (distinct values read once, small)."""
    types = dict(zip(*[colonnes(con, nom)[c] for c in ("colonne", "type_donnee")], strict=True))
    relation = con.table(nom)
    filtres = Filtres(
        par_commune="code_commune" in types,
        par_perimetre={"niveau", "code_perimetre"} <= set(types),
    )
    if "annee" in types and types["annee"].upper() in _ENTIERS:
        filtres.annees = sorted(
            int(a) for (a,) in relation.project("annee").distinct().fetchall() if a is not None
        )
    for colonne, genre in types.items():
        if genre.upper() not in ("VARCHAR", "BOOLEAN") or colonne.startswith(_PAS_UNE_CATEGORIE):
            continue
        if colonne in ("niveau", "code_perimetre"):
            continue
        valeurs = (
            relation.project(duckdb.ColumnExpression(colonne))
            .distinct()
            .limit(MAX_MODALITES + 1)
            .fetchall()
        )
        if 1 < len(valeurs) <= MAX_MODALITES:
            filtres.categories[colonne] = sorted(str(v) for (v,) in valeurs if v is not None)
    return filtres


def lire(
    con: duckdb.DuckDBPyConnection,
    nom: str,
    niveau: str | None = None,
    code: str | None = None,
    communes: list[str] | None = None,
    annees: tuple[int, int] | None = None,
    categories: dict[str, list[str]] | None = None,
    limite: int = LIMITE_AFFICHAGE,
) -> tuple[pd.DataFrame, bool]:
    """Read an object with its filters; return the rows (at most `limite`) and whether cut.

    Args:
        nom: a table or view name from `lister_objets` (the caller checks it is one).
        niveau, code: keep the rows of that perimeter (objects with niveau, code_perimetre).
        communes: keep the rows of these communes (objects with code_commune).
        annees: keep the years in this inclusive range (objects with annee).
        categories: {column: values kept} for text columns.
    """
    relation = con.table(nom)
    colonne = duckdb.ColumnExpression
    valeur = duckdb.ConstantExpression
    if niveau is not None and code is not None:
        relation = relation.filter(
            (colonne("niveau") == valeur(niveau)) & (colonne("code_perimetre") == valeur(code))
        )
    if communes is not None:
        relation = relation.filter(colonne("code_commune").isin(*[valeur(c) for c in communes]))
    if annees is not None:
        relation = relation.filter(
            (colonne("annee") >= valeur(int(annees[0])))
            & (colonne("annee") <= valeur(int(annees[1])))
        )
    for nom_colonne, valeurs in (categories or {}).items():
        if valeurs:
            texte = colonne(nom_colonne).cast(duckdb.sqltype("VARCHAR"))
            relation = relation.filter(texte.isin(*[valeur(str(v)) for v in valeurs]))
    donnees = relation.limit(limite + 1).df()
    tronque = len(donnees) > limite
    return donnees.head(limite), tronque
