"""Writing lots into a database connection: the imported layer, rebuilt whole each time.

`reconstruire_couche(con, lots)` removes every row that came from a user import (sources with
`origine = 'import'`, the user's territories), then writes all the lots again in geography-first
order, brings every commune code to the current geography, sums what merged, and re-applies the
user's territories. The build calls it after loading the demo files; an import calls it on a copy
of the database. It raises `ErreurImport` before the caller commits anything.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from vigie.alimentation.importation import geographie
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.lot import Lot

# Table -> primary key (None: replaced as a whole, see commune_mouvement).
CLES = {
    "departement": ["code_dep"],
    "epci": ["code_epci"],
    "commune": ["code_commune"],
    "commune_mouvement": None,
    "commune_rattachement": None,
    "commune_geo": ["code_commune"],
    "departement_geo": ["code_dep"],
    "population_legale": ["code_commune", "annee"],
    "population": ["code_commune", "annee", "sexe", "age"],
    "etat_civil_commune": ["code_commune", "annee"],
    "etat_civil_periode": ["code_commune", "annee_debut", "annee_fin"],
    "population_departement": ["code_dep", "annee", "sexe", "age_min"],
    "parametre_national": ["indicateur", "champ", "annee", "sexe", "age"],
    "serie_insee": ["idbank", "periode"],
    "equipement": ["id_equipement"],
    "usage_serie": ["id_serie"],
    "usage_observation": ["id_serie", "periode"],
}
# Figures summed when several old communes map to one current commune.
SOMMES = {
    "population_legale": [
        "population_municipale",
        "population_comptee_a_part",
        "population_totale",
    ],
    "population": ["population"],
    "etat_civil_commune": ["naissances", "deces"],
    "etat_civil_periode": ["naissances", "deces"],
}
# Deletion order of the imported layer (children before parents).
ORDRE_SUPPRESSION = [
    "usage_observation",
    "usage_serie",
    "equipement",
    "commune_geo",
    "departement_geo",
    "population",
    "population_legale",
    "etat_civil_commune",
    "etat_civil_periode",
    "population_departement",
    "parametre_national",
    "serie_insee",
    "commune_mouvement",
    "commune_rattachement",
    "commune",
    "epci",
    "departement",
]
FORMATS_REFERENTIEL = {"cog_communes"}


@dataclass
class Bilan:
    """What one lot wrote: rows per table, and notes for the user."""

    lot: Lot
    id_source: int
    lignes: dict[str, int] = field(default_factory=dict)
    remarques: list[str] = field(default_factory=list)


@dataclass
class _Etat:
    cog_present: bool = False


def empreinte(chemin) -> str:
    h = hashlib.sha256()
    with open(chemin, "rb") as f:
        for bloc in iter(lambda: f.read(1 << 20), b""):
            h.update(bloc)
    return h.hexdigest()


def supprimer_couche(con: duckdb.DuckDBPyConnection) -> None:
    """Remove every row of the imported layer (the demo and reference files stay): rows whose
    source has `origine = 'import'`, the user's territories included."""
    importees = "select id_source from source where origine = 'import'"
    con.execute(
        f"delete from territoire_commune where code_territoire in "
        f"(select code_territoire from territoire where id_source in ({importees})) "
        f"or code_commune in (select code_commune from commune where id_source in ({importees}))"
    )
    con.execute(f"delete from territoire where id_source in ({importees})")
    for table in ORDRE_SUPPRESSION:
        con.execute(f"delete from {table} where id_source in ({importees})")
    con.execute("delete from source where origine = 'import'")


def _enregistrer_source(con, lot: Lot) -> int:
    id_source = con.execute("select coalesce(max(id_source), 0) + 1 from source").fetchone()[0]
    con.execute(
        "insert into source (id_source, fichier, editeur, titre, millesime, annee_cog, licence,"
        " url, sha256, origine) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'import')",
        [
            id_source,
            lot.nom,
            lot.source["editeur"],
            lot.source["titre"],
            lot.source["millesime"],
            lot.annee_cog,
            lot.source["licence"],
            lot.source.get("url") or None,
            empreinte(lot.chemin),
        ],
    )
    return id_source


def _ecrire(con, table: str, df: pd.DataFrame, id_source: int) -> int:
    """Upsert `df` into `table` (a value left empty keeps the one already there)."""
    df = df[[c for c in df.columns if not c.startswith("_")]].copy()
    if df.empty:
        return 0
    df["id_source"] = id_source
    colonnes = list(df.columns)
    cles = CLES[table]
    liste = ", ".join(colonnes)
    con.register("_lot", df)
    try:
        if cles is None:
            con.execute(f"insert into {table} ({liste}) select {liste} from _lot")
        else:
            mises_a_jour = ", ".join(
                f"{c} = coalesce(excluded.{c}, {table}.{c})" for c in colonnes if c not in cles
            )
            con.execute(
                f"insert into {table} ({liste}) select {liste} from _lot "
                f"on conflict ({', '.join(cles)}) do update set {mises_a_jour}"
            )
    finally:
        con.unregister("_lot")
    return len(df)


def _erreur_inconnus(lot: Lot, inconnus: pd.DataFrame, cog_present: bool) -> ErreurImport:
    premiere = inconnus.sort_values("_ligne").iloc[0]
    code = premiere["_code_origine"]
    n = inconnus["_code_origine"].nunique()
    autres = f" ({n} codes inconnus en tout)" if n > 1 else ""
    if cog_present:
        conseil = (
            "Ce code n'existe pas dans la géographie actuelle et aucun événement du COG ne le "
            "rattache à une commune actuelle : importez le fichier des événements du COG "
            "(v_mvt_commune) le plus récent, ou corrigez le code."
        )
    else:
        conseil = (
            "Importez d'abord la géographie : la composition communale des EPCI (INSEE) ou le "
            "COG (v_commune et v_mvt_commune) de l'année du fichier ou plus récent."
        )
    return ErreurImport(
        lot.nom,
        f"code commune « {code} » inconnu{autres}.",
        conseil,
        ligne=int(premiere["_ligne"]),
        colonne=lot.colonne_commune,
        feuille=lot.feuille,
    )


def _referentiel(con) -> set[str]:
    return {c for (c,) in con.execute("select code_commune from commune").fetchall()}


def _departements_manquants(con, df: pd.DataFrame, id_source: int) -> None:
    """Add the départements the communes point to (name completed later when a file has it)."""
    connus = {c for (c,) in con.execute("select code_dep from departement").fetchall()}
    nouveaux = (
        df[~df["code_dep"].isin(connus)][["code_dep", "code_reg"]]
        .drop_duplicates("code_dep")
        .assign(nom_dep=lambda d: "Département " + d["code_dep"])
    )
    nouveaux["code_reg"] = nouveaux["code_reg"].fillna("")
    _ecrire(con, "departement", nouveaux, id_source)


def _appliquer_communes(con, lot: Lot, df: pd.DataFrame, bilan: Bilan, etat: _Etat) -> None:
    """Communes of a COG (the referential) or of an EPCI composition (membership)."""
    if lot.format in FORMATS_REFERENTIEL:
        # A newer COG replaces an older one: communes it no longer lists are dropped.
        con.register("_cog", df[["code_commune"]])
        con.execute(
            "delete from commune where id_source in (select id_source from source where "
            "origine = 'import') and code_commune not in (select code_commune from _cog)"
        )
        con.unregister("_cog")
        _departements_manquants(con, df, bilan.id_source)
        bilan.lignes["commune"] = _ecrire(con, "commune", df, bilan.id_source)
        etat.cog_present = True
        return
    if etat.cog_present:
        # Membership given in an older geography: bring it to the COG's codes; a merged commune
        # follows its new commune, whose own row (same code in both) is the one kept.
        actuels, inconnus = geographie.harmoniser(
            df, _referentiel(con), geographie.table_passage(con)
        )
        if not inconnus.empty:
            raise _erreur_inconnus(lot, inconnus, True)
        actuels = actuels.assign(_meme=actuels["code_commune"] == actuels["_code_origine"])
        fusionnees = int((~actuels["_meme"]).sum())
        actuels = actuels.sort_values("_meme", ascending=False).drop_duplicates("code_commune")
        con.register("_membres", actuels[["code_commune", "code_epci"]])
        con.execute(
            "update commune set code_epci = _membres.code_epci from _membres "
            "where commune.code_commune = _membres.code_commune"
        )
        con.unregister("_membres")
        bilan.lignes["commune"] = len(actuels)
        if fusionnees:
            bilan.remarques.append(
                f"{fusionnees} commune(s) fusionnée(s) depuis ramenée(s) à leur code actuel."
            )
        return
    _departements_manquants(con, df, bilan.id_source)
    bilan.lignes["commune"] = _ecrire(
        con, "commune", df.drop(columns=["nom_epci"], errors="ignore"), bilan.id_source
    )


def _appliquer_table(con, lot: Lot, table: str, df: pd.DataFrame, bilan: Bilan, etat) -> None:
    if table == "commune_mouvement":
        existant = con.execute("select max(date_eff) from commune_mouvement").fetchone()[0]
        if existant is not None and str(existant) > df["date_eff"].max():
            bilan.remarques.append(
                "Événements plus anciens que ceux déjà importés : fichier gardé mais non utilisé."
            )
            return
        con.execute("delete from commune_mouvement")
        bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        return
    if table == "commune_rattachement":
        con.execute("delete from commune_rattachement")  # the newest COG's list replaces it
        bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        return
    if table == "departement":
        # Names from a file that has them (e.g. the populations légales workbook).
        connus = {c for (c,) in con.execute("select code_dep from departement").fetchall()}
        df = df[df["code_dep"].isin(connus)]
        bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        return
    if table == "commune_geo":
        _verifier_noms(con, lot, df)
    if "code_commune" in df.columns:
        actuels, inconnus = geographie.harmoniser(
            df, _referentiel(con), geographie.table_passage(con)
        )
        # Collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin,
        # Pacific) are outside the COG list of communes: their rows are set aside, not refused.
        hors_cog = inconnus["_code_origine"].str.match(r"^(975|977|978|98)")
        if hors_cog.any():
            bilan.remarques.append(
                f"{int(hors_cog.sum())} ligne(s) de collectivités d'outre-mer (hors COG des "
                "communes) laissée(s) de côté."
            )
            inconnus = inconnus[~hors_cog]
        if not inconnus.empty:
            raise _erreur_inconnus(lot, inconnus, etat.cog_present)
        cles = CLES[table]
        fusions = actuels[
            actuels["code_commune"].notna() & (actuels["code_commune"] != actuels["_code_origine"])
        ]
        if not fusions.empty:
            lignes = actuels.groupby(cles, sort=False)["_ligne"].min()
            if table in SOMMES:
                sommes = SOMMES[table]
                autres = [
                    c
                    for c in actuels.columns
                    if c not in cles + sommes + ["_ligne", "_code_origine"]
                ]
                agregats = {c: (lambda s: s.sum(min_count=1)) for c in sommes}
                agregats.update({c: "first" for c in autres})
                actuels = actuels.groupby(cles, sort=False, dropna=False).agg(agregats)
                actuels = actuels.reset_index().merge(lignes.reset_index(), on=cles)
            elif table == "commune_geo":
                actuels = (
                    actuels.groupby("code_commune", sort=False)
                    .agg(
                        geojson=("geojson", geographie.reunir_geometries), _ligne=("_ligne", "min")
                    )
                    .reset_index()
                )
            vers = dict(zip(fusions["_code_origine"], fusions["code_commune"], strict=True))
            anciens = sorted(vers)
            bilan.remarques.append(
                "Codes ramenés à la géographie actuelle : "
                + ", ".join(f"{a} → {vers[a]}" for a in anciens[:6])
                + (f" et {len(anciens) - 6} autres" if len(anciens) > 6 else "")
                + (" (chiffres additionnés)" if table in SOMMES else "")
                + "."
            )
        df = actuels.drop(columns=["_code_origine"], errors="ignore")
        if table == "commune_geo":
            df = df.drop(columns=["nom"], errors="ignore")
    elif table == "departement_geo":
        df = df.drop(columns=["nom"], errors="ignore")
    bilan.lignes[table] = bilan.lignes.get(table, 0) + _ecrire(con, table, df, bilan.id_source)


def _normaliser(nom: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", str(nom)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", ascii_)


def _verifier_noms(con, lot: Lot, df: pd.DataFrame) -> None:
    """Refuse outlines whose names are not those of the communes with the same codes (a canton
    file has 5-character codes too: 29001 is canton Brest-1 and commune Argol)."""
    noms = dict(con.execute("select code_commune, nom_commune from commune").fetchall())
    communs = df[df["code_commune"].isin(noms.keys()) & (df["nom"] != "")]
    if communs.empty:
        return
    differents = communs[
        [
            _normaliser(n) != _normaliser(noms[c])
            for c, n in zip(communs["code_commune"], communs["nom"], strict=True)
        ]
    ]
    if len(differents) > len(communs) / 2:
        exemple = differents.iloc[0]
        raise ErreurImport(
            lot.nom,
            f"ces contours ne sont pas ceux des communes : l'entité {exemple['code_commune']} "
            f"s'appelle « {exemple['nom']} », la commune {exemple['code_commune']} "
            f"« {noms[exemple['code_commune']]} » ({len(differents)} noms sur {len(communs)} "
            "diffèrent).",
            "Importez le GeoJSON des communes (pas celui des cantons ou d'un autre découpage).",
            ligne=int(exemple["_ligne"]),
            colonne="properties.nom",
        )


ORDRE_TABLES = [
    "commune_mouvement",
    "departement",
    "commune",
    "commune_rattachement",
    "epci",
    "commune_geo",
    "departement_geo",
]


def appliquer_lot(con: duckdb.DuckDBPyConnection, lot: Lot, etat: _Etat | None = None) -> Bilan:
    """Write one lot (its source row, then its tables)."""
    etat = etat or _Etat()
    bilan = Bilan(lot=lot, id_source=_enregistrer_source(con, lot))
    tables = sorted(
        lot.tables, key=lambda t: ORDRE_TABLES.index(t) if t in ORDRE_TABLES else len(ORDRE_TABLES)
    )
    for table in tables:
        df = lot.tables[table]
        if df is None or df.empty:
            continue
        if table == "epci":
            if "commune" in lot.tables:
                continue  # written just before the communes that point to them
            bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        elif table == "commune":
            if "epci" in lot.tables:  # EPCIs first, so that communes can point to them
                bilan.lignes["epci"] = _ecrire(con, "epci", lot.tables["epci"], bilan.id_source)
            _appliquer_communes(con, lot, df, bilan, etat)
        else:
            _appliquer_table(con, lot, table, df, bilan, etat)
    bilan.remarques.extend(lot.remarques)
    return bilan


def reconstruire_couche(
    con: duckdb.DuckDBPyConnection,
    lots: list[Lot],
    appliquer_territoires: Callable[[duckdb.DuckDBPyConnection], list[str]] | None = None,
    progression: Callable[[str, float], None] | None = None,
) -> list[Bilan]:
    """Rebuild the whole imported layer from `lots` (in import order) inside `con`."""
    supprimer_couche(con)
    etat = _Etat()
    ordre = sorted(enumerate(lots), key=lambda x: (x[1].priorite, x[1].annee_cog or 0, x[0]))
    bilans = []
    for rang, (_, lot) in enumerate(ordre, start=1):
        if progression:
            progression(f"Écriture de {lot.nom}", rang / (len(ordre) + 1))
        bilans.append(appliquer_lot(con, lot, etat))
    # EPCIs of an older composition that no commune points to any more.
    con.execute(
        "delete from epci where id_source in (select id_source from source where origine = "
        "'import') and code_epci not in (select code_epci from commune where code_epci is not null)"
    )
    if appliquer_territoires:
        remarques = appliquer_territoires(con)
        if remarques and bilans:
            bilans[-1].remarques.extend(remarques)
    return bilans
