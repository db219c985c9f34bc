"""Ce que parcourt la page Données : les tables de la base construite et les vues actives de
`sql/views`, leur description et leurs colonnes, et un objet lu avec des filtres.

Pas de streamlit ici (les enveloppes mises en cache sont dans `vigie.interface.explorateur`). Les
noms d'objets viennent du catalogue lui-même (une liste autorisée), et les filtres sont construits
avec l'API d'expressions de DuckDB, jamais en insérant des valeurs dans le texte SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from vigie.stockage import base, vues

LIMITE_AFFICHAGE = 50_000
MAX_MODALITES = 30  # une colonne de texte qui a au plus ce nombre de valeurs devient un filtre
# Colonnes jamais proposées comme filtres de catégorie (identifiants, noms, texte libre).
_PAS_UNE_CATEGORIE = ("code_", "nom_", "id_", "libelle", "description", "geojson", "sha256", "url")
_ENTIERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT")
_NOMBRES = _ENTIERS + ("FLOAT", "DOUBLE", "REAL", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")


@dataclass(frozen=True)
class Objet:
    """Une table ou une vue qu'un analyste peut ouvrir."""

    nom: str
    genre: str  # "vue" ou "table"
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
    """Les vues actives (en-têtes), puis les tables de la base construite (commentaires)."""
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
    """colonne, type_donnee, description d'un objet."""
    return base.requete(con, "colonnes_objet", objet=nom)


@dataclass
class Filtres:
    """Ce sur quoi le lecteur d'un objet peut filtrer, d'après ses colonnes."""

    par_commune: bool = False  # a code_commune : filtre sur les communes du périmètre
    par_perimetre: bool = False  # a niveau et code_perimetre : filtre sur le périmètre lui-même
    annees: list[int] = field(default_factory=list)
    categories: dict[str, list[str]] = field(default_factory=dict)


def _est_nombre(type_donnee: str) -> bool:
    return type_donnee.upper() in _NOMBRES or type_donnee.upper().startswith("DECIMAL")


def colonnes_numeriques(types: dict[str, str]) -> list[str]:
    return [c for c, t in types.items() if _est_nombre(t)]


def filtres_possibles(con: duckdb.DuckDBPyConnection, nom: str) -> Filtres:
    """Les filtres sensés pour un objet (valeurs distinctes lues une fois, peu nombreuses)."""
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
    """Lit un objet avec ses filtres ; rend les lignes (au plus `limite`) et si elles ont été
    tronquées.

    Args:
        nom: un nom de table ou de vue pris à `lister_objets` (l'appelant vérifie qu'il en est un).
        niveau, code: garde les lignes de ce périmètre (objets à niveau, code_perimetre).
        communes: garde les lignes de ces communes (objets à code_commune).
        annees: garde les années de cet intervalle, bornes comprises (objets à annee).
        categories: {colonne: valeurs gardées} pour les colonnes de texte.
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
