"""Les territoires à soi : un Pays, un pôle, un bassin de vie, définis par des EPCI et/ou des
communes.

La définition (nom, type, codes des EPCI, codes des communes) est gardée dans la base de
l'utilisateur (table `territoire_utilisateur` de `sql/utilisateur/schema.sql`), qu'aucune
reconstruction ne touche, et atteinte par sa seule porte (`vigie.stockage.base_utilisateur` :
verrou, nouvelles tentatives, une seule configuration), comme les scénarios et les ratios : deux
sessions qui enregistrent et listent en même temps ne se gênent plus (issue 16).

Les définitions sont écrites en lignes de `territoire` et `territoire_commune` de la base
construite par l'alimentation (`vigie.alimentation.territoires_appliques`) : à chaque
construction, après chaque import, et ici à l'enregistrement ou à la suppression d'un territoire,
sur une copie de la base mise en place d'un coup sous le verrou d'écriture du dossier
(`vigie.stockage.modification`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vigie import chemins
from vigie.alimentation import territoires_appliques
from vigie.stockage import base as bd
from vigie.stockage import base_utilisateur, disque, modification, verrou

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
    return [
        Territoire(d["code"], d["nom"], d["type"], tuple(d["epcis"]), tuple(d["communes"]))
        for d in territoires_appliques.definitions(chemin)
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
    return _resoudre(
        con,
        demandes,
        r"\d{9}",
        "territoire_epci_par_code",
        "EPCI {} inconnu. Importez la composition communale des EPCI de l'INSEE "
        "(EPCI_au_01-01-AAAA.xlsx) ou vérifiez le SIREN.",
        _epci_par_nom,
    )


def resoudre_communes(con: bd.Connexion, demandes: list[str]) -> list[str]:
    """Les codes des communes demandées par code ou par nom exact (un nom ambigu demande le
    code)."""
    return _resoudre(
        con,
        demandes,
        r"\d{5}|2[AB]\d{3}",
        "territoire_commune_par_code",
        "Commune {} inconnue dans la géographie importée. Importez le COG ou la composition "
        "communale des EPCI, ou vérifiez le code INSEE.",
        _commune_par_nom,
    )


def _resoudre(
    con: bd.Connexion,
    demandes: list[str],
    motif: str,
    requete_code: str,
    inconnu: str,
    par_nom: Callable[[bd.Connexion, str], str],
) -> list[str]:
    """Les codes des membres demandés : une demande qui a la forme d'un code (`motif`) doit
    exister (`requete_code`, sinon le message `inconnu`), une autre est un nom (`par_nom`)."""
    codes = []
    for demande in (d.strip() for d in demandes):
        if not demande:
            continue
        if not re.fullmatch(motif, demande):
            codes.append(par_nom(con, demande))
        elif _lignes(con, requete_code, code=demande):
            codes.append(demande)
        else:
            raise ErreurTerritoire(inconnu.format(demande))
    return codes


def _epci_par_nom(con: bd.Connexion, demande: str) -> str:
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
    return trouves[0][0]


def _commune_par_nom(con: bd.Connexion, demande: str) -> str:
    trouves = _lignes(con, "territoire_commune_par_nom", texte=demande)
    if not trouves:
        raise ErreurTerritoire(f"Aucune commune ne s'appelle « {demande} ».")
    if len(trouves) > 1:
        noms = " ; ".join(f"{n} ({c}, dép. {d})" for c, n, d in trouves[:6])
        raise ErreurTerritoire(
            f"« {demande} » désigne plusieurs communes : {noms}. Donnez le code INSEE."
        )
    return trouves[0][0]


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
        _reappliquer(
            chemin_base,
            "enregistrement d'un territoire",
            f"le territoire « {nom} » est gardé dans vos réglages : la prochaine reconstruction "
            "(python -m vigie build) l'appliquera",
        )
    return Territoire(code, nom, type_territoire, tuple(codes_epci), tuple(codes_communes))


def supprimer(code: str, base: Path | None = None) -> None:
    """Oublie un territoire (base de l'utilisateur et base construite)."""
    chemin_base = Path(base or chemins.chemin_base())
    with verrou.ecriture(chemin_base, "suppression d'un territoire"):
        with base_utilisateur.ouvrir(ecriture=True) as con:
            con.execute(base_utilisateur.texte("territoire_supprimer"), {"code": code})
        _reappliquer(
            chemin_base,
            "suppression d'un territoire",
            f"le territoire {code} est retiré de vos réglages : la prochaine reconstruction "
            "(python -m vigie build) le retirera de la base",
        )


def _reappliquer(chemin_base: Path, quoi: str, reglages: str) -> None:
    """Réécrit les territoires de l'utilisateur dans la base construite, d'un seul coup.

    `reglages` dit, pour un disque plein, ce que la base de l'utilisateur garde déjà."""
    try:
        modification.modifier_base(territoires_appliques.reappliquer, chemin_base, quoi=quoi)
    except disque.DisquePlein as erreur:
        raise disque.DisquePlein(
            erreur.quoi, erreur.dossier, f"{erreur.intact} ; {reglages}"
        ) from erreur
    except modification.ControlesEnEchec as erreur:
        raise ErreurTerritoire(
            "Vos territoires sont à jour dans vos réglages, mais la base construite les refuse ("
            + " ; ".join(erreur.problemes)
            + "). La base est inchangée : reconstruisez-la avec « python -m vigie build »."
        ) from erreur
