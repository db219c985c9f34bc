"""Écriture des lots dans une connexion : la couche importée, incrémentale quand c'est possible.

`reconstruire_couche(con, lots)` compare les lots aux fichiers déjà écrits dans la base (table
`source`, `origine = 'import'`, par empreinte SHA-256). Quand les lots sont ceux déjà écrits plus
des fichiers de données nouveaux (ni COG, ni composition des EPCI), seuls les nouveaux sont écrits :
ajouter un fichier ne rejoue pas les autres. Sinon (un fichier retiré, une géographie nouvelle, une
base neuve), la couche est reconstruite entière : suppression des lignes importées, écriture de tous
les lots, géographie d'abord (la géographie est résolue pour le lot entier avant les données),
codes ramenés à la géographie actuelle, fusions additionnées. Dans les deux cas, les territoires de
l'utilisateur sont réappliqués et les structures par âge estimées (`vigie.alimentation.estimation`)
recalculées. Toute erreur lève `ErreurImport` avant que l'appelant ne valide quoi que ce soit.

Le SQL vit dans `sql/load/importation/` ; seuls les noms de tables et de colonnes des listes
autorisées ci-dessous (CLES, ORDRE_SUPPRESSION, colonnes réelles des tables) y sont insérés.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from vigie.alimentation import capacites_saisies, estimation
from vigie.alimentation import geographie_cog as geographie
from vigie.alimentation.importation import capacites, rapprochement
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.lot import PRIORITE_DONNEES, Lot
from vigie.stockage import base, integrite, sources

SQL = "load/importation/"

# Table -> clé primaire (None : remplacée en entier, voir commune_mouvement).
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
    "effectif_scolaire": ["uai", "annee", "niveau"],
    "recours_prestation": [
        "prestation",
        "indicateur",
        "lieu",
        "code_perimetre",
        "annee",
        "sexe",
        "age_min",
    ],
    "capacite_finess": ["nofinesset", "discipline", "mode_accueil", "clientele"],
}
# Chiffres additionnés quand plusieurs anciennes communes donnent une commune actuelle.
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
# Ordre de suppression de la couche importée (enfants avant parents) ; liste autorisée.
ORDRE_SUPPRESSION = [
    "effectif_scolaire",
    "recours_prestation",
    "capacite_finess",
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
    """Ce qu'un lot a écrit : lignes par table, remarques pour l'utilisateur."""

    lot: Lot
    id_source: int
    lignes: dict[str, int] = field(default_factory=dict)
    remarques: list[str] = field(default_factory=list)


@dataclass
class _Etat:
    cog_present: bool = False


def _sql(nom: str, **identifiants: str) -> str:
    """Le texte de `sql/load/importation/<nom>.sql`, identifiants (listes autorisées) insérés."""
    texte = base.texte_sql(SQL + nom)
    return texte.format(**identifiants) if identifiants else texte


def supprimer_couche(con: base.Connexion) -> None:
    """Supprime toute la couche importée (les fichiers de démonstration et de référence restent) :
    lignes dont la source a `origine = 'import'`, territoires de l'utilisateur compris."""
    estimation.supprimer(con)
    base.executer(con, SQL + "supprimer_territoires")
    base.executer(con, SQL + "supprimer_territoires_utilisateur")
    for table in ORDRE_SUPPRESSION:  # liste autorisée
        con.execute(_sql("supprimer_table", table=table))
    base.executer(con, SQL + "supprimer_sources")


def _enregistrer_source(con, lot: Lot) -> int:
    sha256 = lot.sha256 or integrite.empreinte(lot.chemin)
    return sources.enregistrer_fichier(con, lot.nom, lot.source, sha256, lot.annee_cog, "import")


def _colonnes_table(con, table: str) -> list[str]:
    return [c for (c,) in base.executer(con, SQL + "colonnes_table", table=table).fetchall()]


def _ecrire(con, table: str, df: pd.DataFrame, id_source: int) -> int:
    """Fusionne `df` dans `table` (une valeur laissée vide garde celle déjà présente)."""
    df = df[[c for c in df.columns if not c.startswith("_")]].copy()
    if df.empty:
        return 0
    df["id_source"] = id_source
    colonnes = list(df.columns)
    cles = CLES[table]  # KeyError : table hors de la liste autorisée
    inconnues = set(colonnes) - set(_colonnes_table(con, table))
    if inconnues:  # les identifiants insérés dans le SQL sont ceux de la table, rien d'autre
        raise ValueError(f"colonnes inconnues de {table} : {sorted(inconnues)}")
    liste = ", ".join(colonnes)
    con.register("_lot", df)
    try:
        if cles is None:
            con.execute(_sql("inserer", table=table, colonnes=liste))
        else:
            mises_a_jour = ", ".join(
                f"{c} = coalesce(excluded.{c}, {table}.{c})" for c in colonnes if c not in cles
            )
            con.execute(
                _sql(
                    "fusionner",
                    table=table,
                    colonnes=liste,
                    cles=", ".join(cles),
                    mises_a_jour=mises_a_jour,
                )
            )
    finally:
        con.unregister("_lot")
    return len(df)


def _erreur_inconnus(
    lot: Lot, inconnus: pd.DataFrame, cog_present: bool, total: pd.DataFrame | None = None
) -> ErreurImport:
    premiere = inconnus.sort_values("_ligne").iloc[0]
    code = premiere["_code_origine"]
    n = inconnus["_code_origine"].nunique()
    lignes = inconnus["_ligne"].nunique()
    sur = f" sur {total['_ligne'].nunique()}" if total is not None else ""
    autres = (
        f" ({n} codes inconnus en tout, {lignes} ligne(s) du fichier{sur} hors des communes "
        "connues)"
        if n > 1 or lignes > 1
        else ""
    )
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
    return {c for (c,) in base.executer(con, SQL + "codes_communes").fetchall()}


def _departements_connus(con) -> set[str]:
    return {c for (c,) in base.executer(con, SQL + "codes_departements").fetchall()}


def _departements_manquants(con, df: pd.DataFrame, id_source: int) -> None:
    """Ajoute les départements que désignent les communes (nom complété plus tard si un fichier
    le donne)."""
    connus = _departements_connus(con)
    nouveaux = (
        df[~df["code_dep"].isin(connus)][["code_dep", "code_reg"]]
        .drop_duplicates("code_dep")
        .assign(nom_dep=lambda d: "Département " + d["code_dep"])
    )
    nouveaux["code_reg"] = nouveaux["code_reg"].fillna("")
    _ecrire(con, "departement", nouveaux, id_source)


def _appliquer_communes(con, lot: Lot, df: pd.DataFrame, bilan: Bilan, etat: _Etat) -> None:
    """Communes d'un COG (le référentiel) ou d'une composition des EPCI (appartenance)."""
    if lot.format in FORMATS_REFERENTIEL:
        # Un COG plus récent remplace le précédent : les communes qu'il ne cite plus partent.
        con.register("_cog", df[["code_commune"]])
        base.executer(con, SQL + "cog_remplacer_communes")
        con.unregister("_cog")
        _departements_manquants(con, df, bilan.id_source)
        bilan.lignes["commune"] = _ecrire(con, "commune", df, bilan.id_source)
        etat.cog_present = True
        return
    if etat.cog_present:
        # Appartenance donnée dans une géographie plus ancienne : ramenée aux codes du COG ; une
        # commune fusionnée suit sa commune nouvelle, dont la ligne propre (même code) est gardée.
        actuels, inconnus = geographie.harmoniser(
            df, _referentiel(con), geographie.table_passage(con)
        )
        if not inconnus.empty:
            raise _erreur_inconnus(lot, inconnus, True)
        actuels = actuels.assign(_meme=actuels["code_commune"] == actuels["_code_origine"])
        fusionnees = int((~actuels["_meme"]).sum())
        actuels = actuels.sort_values("_meme", ascending=False).drop_duplicates("code_commune")
        con.register("_membres", actuels[["code_commune", "code_epci"]])
        base.executer(con, SQL + "membres_epci")
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
        existant = base.executer(con, SQL + "mouvements_date_max").fetchone()[0]
        if existant is not None and str(existant) > df["date_eff"].max():
            bilan.remarques.append(
                "Événements plus anciens que ceux déjà importés : fichier gardé mais non utilisé."
            )
            return
        base.executer(con, SQL + "vider_mouvements")
        bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        return
    if table == "commune_rattachement":
        base.executer(con, SQL + "vider_rattachements")  # la liste du COG le plus récent
        bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        return
    if table == "departement":
        # Noms tirés d'un fichier qui les donne (le classeur des populations légales).
        connus = _departements_connus(con)
        df = df[df["code_dep"].isin(connus)]
        bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        return
    if table == "commune_geo":
        _verifier_noms(con, lot, df)
    if "_nom_commune" in df.columns and "code_commune" not in df.columns:
        # Commune donnée par son nom seulement (effectifs scolaires) : rattachée au COG.
        df, phrase = rapprochement.rattacher(con, lot, df)
        if not any(r.startswith(rapprochement.PREFIXE_REMARQUE) for r in bilan.remarques):
            bilan.remarques.append(phrase)
    if "code_commune" in df.columns:
        actuels, inconnus = geographie.harmoniser(
            df, _referentiel(con), geographie.table_passage(con)
        )
        # Collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin,
        # Pacifique) hors de la liste des communes du COG : lignes mises de côté, pas refusées.
        hors_cog = inconnus["_code_origine"].str.match(r"^(975|977|978|98)")
        if hors_cog.any():
            bilan.remarques.append(
                f"{int(hors_cog.sum())} ligne(s) de collectivités d'outre-mer (hors COG des "
                "communes) laissée(s) de côté."
            )
            inconnus = inconnus[~hors_cog]
        if not inconnus.empty:
            raise _erreur_inconnus(lot, inconnus, etat.cog_present, df)
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
                # Vectorised sums (min_count=1: a figure absent everywhere stays absent).
                groupes = actuels.groupby(cles, sort=False, dropna=False)
                actuels = pd.concat(
                    [groupes[sommes].sum(min_count=1), groupes[autres].first()], axis=1
                )
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
    """Refuse des contours dont les noms ne sont pas ceux des communes de même code (un fichier
    de cantons a lui aussi des codes à 5 caractères : 29001 est le canton Brest-1 et la commune
    Argol)."""
    noms = dict(base.executer(con, SQL + "noms_communes").fetchall())
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


def appliquer_lot(con: base.Connexion, lot: Lot, etat: _Etat | None = None) -> Bilan:
    """Écrit un lot (sa ligne de source, puis ses tables)."""
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
                continue  # écrits juste avant les communes qui les désignent
            bilan.lignes[table] = _ecrire(con, table, df, bilan.id_source)
        elif table == "commune":
            if "epci" in lot.tables:  # les EPCI d'abord, pour que les communes les désignent
                bilan.lignes["epci"] = _ecrire(con, "epci", lot.tables["epci"], bilan.id_source)
            _appliquer_communes(con, lot, df, bilan, etat)
        else:
            _appliquer_table(con, lot, table, df, bilan, etat)
    bilan.remarques.extend(lot.remarques)
    return bilan


def lots_nouveaux(con: base.Connexion, lots: list[Lot]) -> list[Lot] | None:
    """Les lots à écrire en plus de ceux déjà dans la base, ou None s'il faut tout reconstruire.

    Incrémental seulement si chaque fichier déjà écrit est encore là (même nom, même empreinte)
    et si les nouveaux sont des fichiers de données : une géographie nouvelle (COG, EPCI) change les
    codes de tous les autres, qui sont alors réécrits.
    """
    deja = [(f, sha) for (_, f, sha) in base.executer(con, SQL + "sources_importees").fetchall()]
    if not deja:
        return None
    restants = list(deja)
    nouveaux = []
    for lot in lots:
        cle = (lot.nom, lot.sha256 or integrite.empreinte(lot.chemin))
        if cle in restants:
            restants.remove(cle)
        else:
            nouveaux.append(lot)
    if restants or any(lot.priorite < PRIORITE_DONNEES for lot in nouveaux):
        return None
    return nouveaux


def reconstruire_couche(
    con: base.Connexion,
    lots: list[Lot],
    appliquer_territoires: Callable[[base.Connexion], list[str]] | None = None,
    progression: Callable[[str, float], None] | None = None,
) -> list[Bilan]:
    """Met la couche importée de `con` à l'état de `lots` (dans l'ordre d'import).

    N'écrit que les lots nouveaux quand c'est possible (voir `lots_nouveaux`), sinon reconstruit
    tout. Rend les bilans des lots écrits.
    """
    # Les capacités saisies par l'utilisateur se posent sur la couche importée : retirées avant
    # (la valeur importée revient), réappliquées après les capacités FINESS.
    capacites_saisies.retirer(con)
    a_ecrire = lots_nouveaux(con, lots)
    if a_ecrire is None:
        supprimer_couche(con)
        a_ecrire = lots
    else:
        estimation.supprimer(con)
    etat = _Etat(cog_present=any(lot.format in FORMATS_REFERENTIEL for lot in lots))
    if a_ecrire is lots:
        etat.cog_present = False  # reconstruction : vrai dès que le COG est écrit (il passe avant)
    ordre = sorted(enumerate(a_ecrire), key=lambda x: (x[1].priorite, x[1].annee_cog or 0, x[0]))
    bilans = []
    for rang, (_, lot) in enumerate(ordre, start=1):
        if progression:
            progression(f"Écriture de {lot.nom}", rang / (len(ordre) + 2))
        bilans.append(appliquer_lot(con, lot, etat))
    capacites.completer(con)  # FINESS : établissements et capacités, importés dans tout ordre
    base.executer(con, SQL + "epci_orphelins")
    remarques_saisies = capacites_saisies.appliquer(con)
    if remarques_saisies and bilans:
        bilans[-1].remarques.extend(remarques_saisies)
    if appliquer_territoires:
        remarques = appliquer_territoires(con)
        if remarques and bilans:
            bilans[-1].remarques.extend(remarques)
    if progression:
        progression(
            "Estimation des structures par âge manquantes", (len(ordre) + 1) / (len(ordre) + 2)
        )
    remarques = estimation.actualiser(con)
    if remarques and bilans:
        bilans[-1].remarques.extend(remarques)
    return bilans
