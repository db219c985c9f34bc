"""Les territoires à soi : un Pays, un pôle, un bassin de vie, définis par des EPCI et/ou des
communes.

La définition (nom, type, codes des EPCI, codes des communes) est gardée dans la base de
l'utilisateur (table `territoire_utilisateur` de `sql/utilisateur/schema.sql`), qu'aucune
reconstruction ne touche, et atteinte par sa seule porte (`vigie.stockage.base_utilisateur` :
verrou, nouvelles tentatives, une seule configuration), comme les scénarios et les ratios : deux
sessions qui enregistrent et listent en même temps ne se gênent plus (issue 16). `appliquer(con)`
écrit les définitions en lignes de `territoire` et `territoire_commune` de la base construite — à
chaque construction (après les imports rejoués), après chaque import, et à l'enregistrement d'un
territoire (sous le verrou d'écriture du dossier) — pour que le territoire suive la composition
des EPCI et la géographie du moment.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vigie import chemins
from vigie.alimentation import geographie_cog as geographie
from vigie.stockage import base as bd
from vigie.stockage import base_utilisateur, verrou

TYPES = {"pays": "Pays", "pole": "Pôle territorial", "bassin": "Bassin de vie", "autre": "Autre"}


class ErreurTerritoire(ValueError):
    """Un territoire qui ne peut pas être enregistré tel quel (message en français qui dit quoi
    changer)."""


@dataclass(frozen=True)
class Territoire:
    code: str
    nom: str
    type: str
    epcis: tuple[str, ...]
    communes: tuple[str, ...]


def lister(chemin: Path | None = None) -> list[Territoire]:
    """Les territoires de l'utilisateur, par nom."""
    lignes = base_utilisateur.lire("territoires_lister", chemin)
    return [
        Territoire(
            str(ligne.code_territoire),
            str(ligne.nom_territoire),
            str(ligne.type_territoire),
            tuple(json.loads(ligne.epcis)),
            tuple(json.loads(ligne.communes)),
        )
        for ligne in lignes.itertuples(index=False)
    ]


def code_depuis_nom(nom: str) -> str:
    """'Pays de Morlaix' -> 'PAYS-DE-MORLAIX' (ASCII, upper case, at most 40 characters)."""
    ascii_ = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]+", "-", ascii_.upper()).strip("-")[:40]


def _lignes(con: bd.Connexion, requete: str, **parametres) -> list[tuple]:
    return bd.executer(con, f"queries/{requete}", **parametres).fetchall()


def resoudre_epcis(con: bd.Connexion, demandes: list[str]) -> list[str]:
    """Les codes des EPCI demandés par code ou par (partie de) nom ; refuse l'inconnu et
    l'ambigu."""
    codes = []
    for demande in demandes:
        demande = demande.strip()
        if not demande:
            continue
        if re.fullmatch(r"\d{9}", demande):
            if not _lignes(con, "territoire_epci_par_code", code=demande):
                raise ErreurTerritoire(
                    f"EPCI {demande} inconnu. Importez la composition communale des EPCI de "
                    "l'INSEE (EPCI_au_01-01-AAAA.xlsx) ou vérifiez le SIREN."
                )
            codes.append(demande)
            continue
        trouves = _lignes(con, "territoire_epci_par_nom", texte=demande)
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


def resoudre_communes(con: bd.Connexion, demandes: list[str]) -> list[str]:
    """Les codes des communes demandées par code ou par nom exact (un nom ambigu demande le
    code)."""
    codes = []
    for demande in demandes:
        demande = demande.strip()
        if not demande:
            continue
        if re.fullmatch(r"\d{5}|2[AB]\d{3}", demande):
            if not _lignes(con, "territoire_commune_par_code", code=demande):
                raise ErreurTerritoire(
                    f"Commune {demande} inconnue dans la géographie importée. Importez le COG "
                    "ou la composition communale des EPCI, ou vérifiez le code INSEE."
                )
            codes.append(demande)
            continue
        trouves = _lignes(con, "territoire_commune_par_nom", texte=demande)
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
    """Contrôle un territoire sur la base construite, l'enregistre dans la base de
    l'utilisateur et l'applique à la base construite (d'un seul coup, sous le verrou d'écriture
    du dossier). Rend le territoire enregistré.

    Raises:
        ErreurTerritoire: nom ou membres vides, EPCI ou commune inconnus ou ambigus, code pris.
        base_utilisateur.BaseUtilisateurOccupee: la base des réglages est restée occupée.
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
    lecture = bd.connecter(chemin_base)
    try:
        codes_epci = resoudre_epcis(lecture, epcis or [])
        codes_communes = resoudre_communes(lecture, communes or [])
        livre = _lignes(lecture, "territoire_livre", code=code)
    finally:
        lecture.close()
    if not codes_epci and not codes_communes:
        raise ErreurTerritoire("Choisissez au moins un EPCI ou une commune.")
    if livre:
        raise ErreurTerritoire(f"Le code {code} est celui d'un territoire livré : changez de nom.")
    with verrou.ecriture(chemin_base, "enregistrement d'un territoire"):
        with base_utilisateur.ouvrir(ecriture=True) as con:
            con.execute(
                base_utilisateur.texte("territoire_enregistrer"),
                {
                    "code": code,
                    "nom": nom,
                    "type": type_territoire,
                    "epcis": json.dumps(codes_epci),
                    "communes": json.dumps(codes_communes),
                },
            )
        depot.modifier_base(_reappliquer, base=chemin_base, quoi="enregistrement d'un territoire")
    return Territoire(code, nom, type_territoire, tuple(codes_epci), tuple(codes_communes))


def supprimer(code: str, base: Path | None = None) -> None:
    """Oublie un territoire (base de l'utilisateur et base construite)."""
    from vigie.alimentation.importation import depot

    chemin_base = Path(base or chemins.chemin_base())
    with verrou.ecriture(chemin_base, "suppression d'un territoire"):
        with base_utilisateur.ouvrir(ecriture=True) as con:
            con.execute(base_utilisateur.texte("territoire_supprimer"), {"code": code})
        depot.modifier_base(_reappliquer, base=chemin_base, quoi="suppression d'un territoire")


def _reappliquer(con: bd.Connexion) -> list[str]:
    for etape in ("1_communes", "2_territoires", "3_source"):
        bd.executer(con, f"construction/territoires_utilisateur_effacer_{etape}")
    return appliquer(con)


def appliquer(con: bd.Connexion) -> list[str]:
    """Écrit les territoires de l'utilisateur dans `territoire` / `territoire_commune` ; rend des
    remarques en français (EPCI absent de la composition, commune fusionnée depuis)."""
    territoires = lister()
    if not territoires:
        return []
    empreinte = hashlib.sha256(
        json.dumps([t.__dict__ for t in territoires], sort_keys=True, default=list).encode()
    ).hexdigest()
    id_source = int(bd.executer(con, "construction/source_prochain_id").fetchone()[0])
    bd.executer(
        con,
        "construction/territoires_source",
        id_source=id_source,
        fichier=chemins.chemin_base_utilisateur().name,
        millesime=datetime.now().strftime("%d/%m/%Y"),
        sha256=empreinte,
    )
    referentiel = {c for (c,) in bd.executer(con, "construction/codes_communes").fetchall()}
    passage = geographie.table_passage(con)
    remarques = []
    for t in territoires:
        if _lignes(con, "territoire_code_pris", code=t.code):
            remarques.append(f"Territoire {t.nom} : le code {t.code} est déjà pris, non appliqué.")
            continue
        membres = set()
        for epci in t.epcis:
            lignes = _lignes(con, "territoire_communes_epci", code=epci)
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
        bd.executer(
            con,
            "construction/territoire_inserer",
            code=t.code,
            nom_territoire=t.nom,
            type=t.type,
            id_source=id_source,
        )
        con.executemany(
            bd.texte_sql("construction/territoire_commune_inserer"),
            [{"code": t.code, "code_commune": c} for c in sorted(membres)],
        )
    return remarques
