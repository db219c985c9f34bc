"""Building the database from the shipped files: `python -m vigie build`.

The build is all-or-nothing. It writes a new database into a temporary file beside the target,
loads every file through `sql/load/<table>.sql`, records each file in the `source` table (publisher,
vintage, licence, SHA-256, import time), replays the official files the user imported and their own
territories (`vigie.alimentation.importation.rejouer`, kept in the user's folder), applies the views of `sql/views/`, projects the population
under the standard scenarios (`vigie.alimentation.projections`), runs the integrity checks of `sql/checks/`,
and only then renames the temporary file over the previous database. A
missing or malformed file stops the build with a French message naming the file, and the previous
database is left exactly as it was.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from models.projection import ErreurDonnees, ErreurScenario
from vigie import chemins
from vigie.alimentation import importation, projections
from vigie.stockage import controles, integrite, vues

# Demo files in load order (a table's references come before it): file name -> table.
FICHIERS_DEMO: list[tuple[str, str]] = [
    ("departements.csv", "departement"),
    ("epci.csv", "epci"),
    ("communes.csv", "commune"),
    ("territoires.csv", "territoire"),
    ("territoire_communes.csv", "territoire_commune"),
    ("communes.geojson", "commune_geo"),
    ("population.parquet", "population"),
    ("naissances.csv", "naissance"),
    ("deces.parquet", "deces"),
    ("equipements.csv", "equipement"),
    ("usage_series.csv", "usage_serie"),
    ("usage_observations.csv", "usage_observation"),
]

FICHIER_RATIOS = chemins.DOSSIER_REFERENCE / "ratios_demande.csv"
SOURCE_RATIOS = {
    "editeur": "Vigie, d'après DREES, DEPP, CNAF-ONAPE, SDES",
    "titre": "Ratios de demande par service (valeurs nationales publiées, modifiables)",
    "millesime": "2025",
    "licence": "Licence Ouverte / Etalab 2.0",
    "url": "",
}


class ErreurConstruction(RuntimeError):
    """A build that could not finish; the previous database is unchanged."""


@dataclass
class Rapport:
    """What a build produced: rows per table, views, duration."""

    chemin: Path
    lignes: dict[str, int] = field(default_factory=dict)
    vues: list[str] = field(default_factory=list)
    duree_s: float = 0.0


def empreinte(chemin: Path) -> str:
    """SHA-256 of a file, read in blocks (official files can be large)."""
    h = hashlib.sha256()
    with open(chemin, "rb") as f:
        for bloc in iter(lambda: f.read(1 << 20), b""):
            h.update(bloc)
    return h.hexdigest()


def enregistrer_source(
    con: duckdb.DuckDBPyConnection, chemin: Path, meta: dict, annee_cog: int | None = None
) -> int:
    """Add one file to the `source` table and return its id."""
    id_source = con.execute("select coalesce(max(id_source), 0) + 1 from source").fetchone()[0]
    con.execute(
        "insert into source (id_source, fichier, editeur, titre, millesime, annee_cog, licence,"
        " url, sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            id_source,
            chemin.name,
            meta["editeur"],
            meta["titre"],
            meta["millesime"],
            annee_cog,
            meta["licence"],
            meta.get("url") or None,
            empreinte(chemin),
        ],
    )
    return id_source


def _lire_sources_demo(dossier: Path) -> dict[str, dict]:
    chemin = dossier / "sources.csv"
    if not chemin.is_file():
        raise ErreurConstruction(
            f"Fichier manquant : {chemin}. Il décrit l'origine de chaque fichier de démonstration ;"
            " régénérez le territoire de démonstration avec « python -m vigie.demo.generator »."
        )
    with open(chemin, encoding="utf-8", newline="") as f:
        return {ligne["fichier"]: ligne for ligne in csv.DictReader(f, delimiter=";")}


def _charger_geojson(con: duckdb.DuckDBPyConnection, chemin: Path, id_source: int) -> None:
    """Store one geometry per commune as GeoJSON text (FeatureCollection or a bare Feature)."""
    try:
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as erreur:
        raise ErreurConstruction(f"{chemin.name} : GeoJSON illisible ({erreur}).") from erreur
    entites = donnees["features"] if donnees.get("type") == "FeatureCollection" else [donnees]
    lignes = []
    for numero, entite in enumerate(entites, start=1):
        proprietes = entite.get("properties") or {}
        code = proprietes.get("code_commune") or proprietes.get("code")
        if not code or not entite.get("geometry"):
            raise ErreurConstruction(
                f"{chemin.name} : l'entité n° {numero} n'a pas de propriété code_commune "
                "ou pas de géométrie."
            )
        lignes.append((str(code), json.dumps(entite["geometry"], separators=(",", ":")), id_source))
    con.executemany("insert into commune_geo values (?, ?, ?)", lignes)


def charger_fichier(
    con: duckdb.DuckDBPyConnection, chemin: Path, table: str, id_source: int
) -> None:
    """Load one file into its table through `sql/load/<table>.sql`."""
    if table == "commune_geo":
        _charger_geojson(con, chemin, id_source)
        return
    sql = (chemins.DOSSIER_CHARGEMENT / f"{table}.sql").read_text(encoding="utf-8")
    con.execute(sql, {"fichier": str(chemin), "id_source": id_source})


def construire(
    chemin: Path | None = None,
    dossier_demo: Path | None = None,
    progression: Callable[[str, float], None] | None = None,
    rejouer_imports: bool = True,
    projeter: bool = True,
) -> Rapport:
    """Build the database from the schema and the shipped files, atomically.

    Args:
        chemin: target database file (default: `data/vigie.duckdb` or `$VIGIE_BASE`).
        dossier_demo: folder of the demo territory files (default `data/demo`).
        progression: called with a French message and a fraction in [0, 1] at each step.
        rejouer_imports: also write the files the user imported and their territories (kept in
            `data/utilisateur/imports/` and the user database); False builds the demo alone.
        projeter: project the population under the standard scenarios (False: data, views and
            checks only — for a national base whose projections run as a batch by blocks,
            `models.projection.lot`; the app's projection pages then say none is available).

    Raises:
        ErreurConstruction: a file is missing or malformed, a check fails; the message names the
            file and the previous database is left untouched.
    """
    debut = time.perf_counter()
    cible = Path(chemin or chemins.chemin_base())
    dossier = Path(dossier_demo or chemins.DOSSIER_DEMO)
    cible.parent.mkdir(parents=True, exist_ok=True)
    provisoire = cible.with_name(f"{cible.name}.tmp-{os.getpid()}")
    for reste in (provisoire, provisoire.with_name(provisoire.name + ".wal")):
        reste.unlink(missing_ok=True)
    # What a build, an import or a batch killed before its rename left behind.
    integrite.nettoyer_provisoires(cible)

    def signaler(message: str, fraction: float) -> None:
        if progression:
            progression(message, fraction)

    rapport = Rapport(chemin=cible)
    con = duckdb.connect(str(provisoire))
    try:
        signaler("Création des tables", 0.0)
        for fichier_schema in sorted(chemins.DOSSIER_SCHEMA.glob("*.sql")):
            try:
                con.execute(fichier_schema.read_text(encoding="utf-8"))
            except duckdb.Error as erreur:
                raise ErreurConstruction(
                    f"{fichier_schema} : schéma invalide. {str(erreur).splitlines()[0]}"
                ) from erreur

        sources_demo = _lire_sources_demo(dossier)
        etapes = len(FICHIERS_DEMO) + 1
        for rang, (nom, table) in enumerate(FICHIERS_DEMO, start=1):
            fichier = dossier / nom
            signaler(f"Chargement de {nom}", rang / (etapes + 2))
            if not fichier.is_file():
                raise ErreurConstruction(
                    f"Fichier manquant : {fichier}. Régénérez le territoire de démonstration avec "
                    "« python -m vigie.demo.generator » ou restaurez-le depuis le dépôt."
                )
            meta = sources_demo.get(nom)
            if meta is None:
                raise ErreurConstruction(
                    f"{dossier / 'sources.csv'} : aucune ligne ne décrit le fichier {nom} "
                    "(éditeur, millésime, licence). Ajoutez-la."
                )
            try:
                id_source = enregistrer_source(con, fichier, meta)
                charger_fichier(con, fichier, table, id_source)
            except duckdb.Error as erreur:
                raise ErreurConstruction(
                    f"{fichier} : lecture impossible pour la table {table}. "
                    f"{str(erreur).splitlines()[0]} Vérifiez le séparateur « ; », l'en-tête et les "
                    "types des colonnes."
                ) from erreur

        signaler("Chargement des ratios de demande", (etapes) / (etapes + 2))
        try:
            id_source = enregistrer_source(con, FICHIER_RATIOS, SOURCE_RATIOS)
            charger_fichier(con, FICHIER_RATIOS, "ratio_demande", id_source)
        except (duckdb.Error, FileNotFoundError) as erreur:
            raise ErreurConstruction(
                f"{FICHIER_RATIOS} : lecture impossible. {str(erreur).splitlines()[0]}"
            ) from erreur

        signaler("Fiabilité mesurée des projections", etapes / (etapes + 2))
        try:
            projections.charger_fiabilite(con, lambda f, meta: enregistrer_source(con, f, meta))
        except (duckdb.Error, ValueError) as erreur:
            raise ErreurConstruction(f"Fiabilité des projections : {erreur}") from erreur

        if rejouer_imports:
            signaler("Fichiers importés et territoires de l'utilisateur", etapes / (etapes + 2))
            try:
                importation.rejouer(con)
            except importation.ErreurImport as erreur:
                raise ErreurConstruction(
                    f"Import conservé impossible à rejouer : {erreur.message}"
                ) from erreur

        signaler("Création des vues", (etapes + 1) / (etapes + 2))
        creees, erreurs = vues.appliquer_vues(con)
        if erreurs:
            raise ErreurConstruction(
                "Vues SQL en erreur :\n" + "\n".join(f"  - {e}" for e in erreurs)
            )
        rapport.vues = [v.nom for v in creees]

        if projeter:
            signaler("Projections de population", (etapes + 1.5) / (etapes + 2))
            try:
                projections.calculer_projections(
                    con, lambda m: signaler(m, (etapes + 1.5) / (etapes + 2))
                )
            except (ErreurDonnees, ErreurScenario, ValueError) as erreur:
                raise ErreurConstruction(
                    f"Projection de population impossible : {erreur}"
                ) from erreur

        signaler("Contrôles d'intégrité", 1.0)
        problemes = controles.executer(con)
        if problemes:
            raise ErreurConstruction(
                "Contrôles d'intégrité en échec :\n" + "\n".join(f"  - {p}" for p in problemes)
            )
        for (table,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' order by table_name"
        ).fetchall():
            rapport.lignes[table] = con.execute(f'select count(*) from "{table}"').fetchone()[0]
        con.execute("checkpoint")
        con.close()
    except BaseException:
        con.close()
        provisoire.unlink(missing_ok=True)
        provisoire.with_name(provisoire.name + ".wal").unlink(missing_ok=True)
        raise
    os.replace(provisoire, cible)  # atomic on one filesystem: readers see old or new, never half
    rapport.duree_s = time.perf_counter() - debut
    return rapport
