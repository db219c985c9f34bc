"""Territories of one's own: a Pays, a pôle, a bassin de vie, defined from EPCIs and/or communes.

The definition (name, type, EPCI codes, commune codes) is stored in the user's database
(`chemins.chemin_base_utilisateur()`, table `territoire_utilisateur`), which no rebuild touches.
`appliquer(con)` turns the definitions into rows of `territoire` and `territoire_commune` of the
built database — at every build (after the imports are replayed), after every import, and when a
territory is saved — so the territory follows the current EPCI composition and geography.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from vigie import chemins
from vigie.alimentation.importation import geographie

TYPES = {"pays": "Pays", "pole": "Pôle territorial", "bassin": "Bassin de vie", "autre": "Autre"}
SCHEMA = """
create table if not exists territoire_utilisateur (
    code_territoire text primary key,
    nom_territoire  text not null,
    type_territoire text not null,
    epcis           text not null,    -- JSON list of EPCI SIREN codes
    communes        text not null,    -- JSON list of INSEE commune codes chosen one by one
    cree_le         timestamp not null default current_timestamp
)
"""


class ErreurTerritoire(ValueError):
    """A territory that cannot be saved as asked (French message saying what to change)."""


@dataclass(frozen=True)
class Territoire:
    code: str
    nom: str
    type: str
    epcis: tuple[str, ...]
    communes: tuple[str, ...]


def _connecter_utilisateur(lecture_seule: bool = False) -> duckdb.DuckDBPyConnection | None:
    chemin = chemins.chemin_base_utilisateur()
    if lecture_seule and not chemin.exists():
        return None
    chemin.parent.mkdir(parents=True, exist_ok=True)
    try:
        # A read never writes: the user's file stays byte-identical through a rebuild.
        con = duckdb.connect(str(chemin), read_only=lecture_seule)
    except duckdb.Error as erreur:
        raise ErreurTerritoire(
            f"La base utilisateur {chemin} est occupée ou illisible ({str(erreur).splitlines()[0]})."
            " Fermez l'autre programme Vigie qui l'utilise, puis recommencez."
        ) from erreur
    if lecture_seule:
        existe = con.execute(
            "select count(*) from duckdb_tables() where table_name = 'territoire_utilisateur'"
        ).fetchone()[0]
        if not existe:
            con.close()
            return None
        return con
    con.execute(SCHEMA)
    return con


def lister() -> list[Territoire]:
    """The user's territories, by name."""
    con = _connecter_utilisateur(lecture_seule=True)
    if con is None:
        return []
    try:
        lignes = con.execute(
            "select code_territoire, nom_territoire, type_territoire, epcis, communes "
            "from territoire_utilisateur order by nom_territoire"
        ).fetchall()
    finally:
        con.close()
    return [
        Territoire(c, n, t, tuple(json.loads(e)), tuple(json.loads(m))) for c, n, t, e, m in lignes
    ]


def code_depuis_nom(nom: str) -> str:
    """'Pays de Morlaix' -> 'PAYS-DE-MORLAIX' (ASCII, upper case, at most 40 characters)."""
    ascii_ = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]+", "-", ascii_.upper()).strip("-")[:40]


def resoudre_epcis(con: duckdb.DuckDBPyConnection, demandes: list[str]) -> list[str]:
    """EPCI codes from codes or (parts of) names, refusing unknown or ambiguous ones."""
    codes = []
    for demande in demandes:
        demande = demande.strip()
        if not demande:
            continue
        if re.fullmatch(r"\d{9}", demande):
            if not con.execute("select 1 from epci where code_epci = ?", [demande]).fetchone():
                raise ErreurTerritoire(
                    f"EPCI {demande} inconnu. Importez la composition communale des EPCI de "
                    "l'INSEE (EPCI_au_01-01-AAAA.xlsx) ou vérifiez le SIREN."
                )
            codes.append(demande)
            continue
        trouves = con.execute(
            "select code_epci, nom_epci from epci where strip_accents(lower(nom_epci)) like "
            "'%' || strip_accents(lower(?)) || '%' order by nom_epci",
            [demande],
        ).fetchall()
        if not trouves:
            raise ErreurTerritoire(f"Aucun EPCI ne porte le nom « {demande} ».")
        if len(trouves) > 1:
            exacts = [t for t in trouves if t[1].lower() == demande.lower()]
            if len(exacts) != 1:
                noms = " ; ".join(f"{n} ({c})" for c, n in trouves[:6])
                raise ErreurTerritoire(
                    f"« {demande} » désigne plusieurs EPCI : {noms}. Donnez le SIREN."
                )
            trouves = exacts
        codes.append(trouves[0][0])
    return codes


def resoudre_communes(con: duckdb.DuckDBPyConnection, demandes: list[str]) -> list[str]:
    """Commune codes from codes or exact names (ambiguous names need the code)."""
    codes = []
    for demande in demandes:
        demande = demande.strip()
        if not demande:
            continue
        if re.fullmatch(r"\d{5}|2[AB]\d{3}", demande):
            if not con.execute(
                "select 1 from commune where code_commune = ?", [demande]
            ).fetchone():
                raise ErreurTerritoire(
                    f"Commune {demande} inconnue dans la géographie importée. Importez le COG "
                    "ou la composition communale des EPCI, ou vérifiez le code INSEE."
                )
            codes.append(demande)
            continue
        trouves = con.execute(
            "select code_commune, nom_commune, code_dep from commune "
            "where strip_accents(lower(nom_commune)) = strip_accents(lower(?))",
            [demande],
        ).fetchall()
        if not trouves:
            raise ErreurTerritoire(f"Aucune commune ne s'appelle « {demande} ».")
        if len(trouves) > 1:
            noms = " ; ".join(f"{n} ({c}, dép. {d})" for c, n, d in trouves[:6])
            raise ErreurTerritoire(
                f"« {demande} » désigne plusieurs communes : {noms}. Donnez le code INSEE."
            )
        codes.append(trouves[0][0])
    return codes


def enregistrer(
    nom: str,
    epcis: list[str] | None = None,
    communes: list[str] | None = None,
    type_territoire: str = "pays",
    base: Path | None = None,
) -> Territoire:
    """Check a territory against the built database, save it in the user's database and apply it
    to the built database (atomically). Returns the saved territory.

    Raises:
        ErreurTerritoire: empty name or members, unknown or ambiguous EPCI or commune, code taken.
    """
    from vigie.alimentation.importation import depot

    nom = nom.strip()
    if not nom:
        raise ErreurTerritoire("Donnez un nom au territoire (par exemple « Pays de Morlaix »).")
    if type_territoire not in TYPES:
        raise ErreurTerritoire(f"Type « {type_territoire} » inconnu : {', '.join(TYPES)}.")
    code = code_depuis_nom(nom)
    if not code:
        raise ErreurTerritoire("Le nom doit contenir au moins une lettre ou un chiffre.")
    chemin_base = Path(base or chemins.chemin_base())
    lecture = duckdb.connect(str(chemin_base), read_only=True)
    try:
        codes_epci = resoudre_epcis(lecture, epcis or [])
        codes_communes = resoudre_communes(lecture, communes or [])
        livre = lecture.execute(
            "select 1 from territoire join source using (id_source) where code_territoire = ? "
            "and source.origine <> 'import'",
            [code],
        ).fetchone()
    finally:
        lecture.close()
    if not codes_epci and not codes_communes:
        raise ErreurTerritoire("Choisissez au moins un EPCI ou une commune.")
    if livre:
        raise ErreurTerritoire(f"Le code {code} est celui d'un territoire livré : changez de nom.")
    con = _connecter_utilisateur()
    try:
        con.execute(
            "insert or replace into territoire_utilisateur (code_territoire, nom_territoire, "
            "type_territoire, epcis, communes) values (?, ?, ?, ?, ?)",
            [code, nom, type_territoire, json.dumps(codes_epci), json.dumps(codes_communes)],
        )
    finally:
        con.close()
    depot.modifier_base(lambda c: _reappliquer(c), base=chemin_base)
    return Territoire(code, nom, type_territoire, tuple(codes_epci), tuple(codes_communes))


def supprimer(code: str, base: Path | None = None) -> None:
    """Forget a territory (user database and built database)."""
    from vigie.alimentation.importation import depot

    con = _connecter_utilisateur()
    try:
        con.execute("delete from territoire_utilisateur where code_territoire = ?", [code])
    finally:
        con.close()
    depot.modifier_base(lambda c: _reappliquer(c), base=base)


def _reappliquer(con: duckdb.DuckDBPyConnection) -> list[str]:
    ids = "select id_source from source where titre = 'Territoires définis dans Vigie'"
    con.execute(
        f"delete from territoire_commune where code_territoire in "
        f"(select code_territoire from territoire where id_source in ({ids}))"
    )
    con.execute(f"delete from territoire where id_source in ({ids})")
    con.execute(f"delete from source where id_source in ({ids})")
    return appliquer(con)


def appliquer(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Write the user's territories into `territoire` / `territoire_commune`; French notes back
    (EPCI no longer in the composition, commune merged since)."""
    territoires = lister()
    if not territoires:
        return []
    empreinte = hashlib.sha256(
        json.dumps([t.__dict__ for t in territoires], sort_keys=True, default=list).encode()
    ).hexdigest()
    id_source = con.execute("select coalesce(max(id_source), 0) + 1 from source").fetchone()[0]
    con.execute(
        "insert into source (id_source, fichier, editeur, titre, millesime, licence, sha256, "
        "origine) values (?, ?, 'Utilisateur de Vigie', 'Territoires définis dans Vigie', ?, "
        "'Données de la collectivité', ?, 'import')",
        [
            id_source,
            chemins.chemin_base_utilisateur().name,
            datetime.now().strftime("%d/%m/%Y"),
            empreinte,
        ],
    )
    referentiel = {c for (c,) in con.execute("select code_commune from commune").fetchall()}
    passage = geographie.table_passage(con)
    remarques = []
    for t in territoires:
        pris = con.execute(
            "select 1 from territoire where code_territoire = ?", [t.code]
        ).fetchone()
        if pris:
            remarques.append(f"Territoire {t.nom} : le code {t.code} est déjà pris, non appliqué.")
            continue
        membres = set()
        for epci in t.epcis:
            lignes = con.execute(
                "select code_commune from commune where code_epci = ?", [epci]
            ).fetchall()
            if not lignes:
                remarques.append(
                    f"Territoire {t.nom} : l'EPCI {epci} n'a aucune commune dans la "
                    "composition importée (EPCI dissous ou fusionné ?)."
                )
            membres.update(c for (c,) in lignes)
        for commune in t.communes:
            actuel = geographie.code_actuel(commune, referentiel, passage)
            if actuel is None:
                remarques.append(f"Territoire {t.nom} : la commune {commune} n'existe plus.")
            else:
                membres.add(actuel)
        if not membres:
            remarques.append(f"Territoire {t.nom} : aucune commune, non appliqué.")
            continue
        con.execute(
            "insert into territoire values (?, ?, ?, ?)", [t.code, t.nom, t.type, id_source]
        )
        con.executemany(
            "insert into territoire_commune values (?, ?)", [(t.code, c) for c in sorted(membres)]
        )
    return remarques
