"""`python -m vigie download` : télécharger les fichiers nationaux officiels quand l'utilisateur le
demande, et seulement alors.

C'est le seul accès de Vigie au réseau. Le catalogue des fichiers
(`data/reference/telechargements.csv`) nomme chaque fichier qu'une page lit : son groupe, son
éditeur, ce à quoi il sert, les formats d'import qu'il donne, la page de l'éditeur qui le documente
et, quand l'éditeur publie une adresse stable, l'adresse du fichier lui-même. Sans elle (un jeu de
données à filtrer sur son département, un fichier par millésime), la commande dit où le prendre à la
main et où le déposer. Le catalogue se modifie, car les éditeurs déplacent leurs fichiers : une
adresse pas encore vérifiée sur la page de l'éditeur le dit. Un téléchargement s'écrit dans `<nom>.part` et reprend où il s'était arrêté (HTTP Range)
quand on le relance ; le fichier terminé est renommé, son SHA-256 noté dans le manifeste des
téléchargements, et une archive ZIP est déballée (pas un classeur .xlsx, qui en est une aussi). Hors
ligne, la commande le dit en français et donne la page où télécharger le fichier à la main.
"""

from __future__ import annotations

import csv
import json
import os
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vigie import chemins
from vigie.stockage import integrite

CATALOGUE = chemins.DOSSIER_REFERENCE / "telechargements.csv"
SUFFIXES_CLASSEURS = (".xlsx", ".xlsm")
BLOC = 1 << 16
DELAI_S = 30


class ErreurTelechargement(RuntimeError):
    """Un téléchargement qui n'a pas pu aboutir (hors ligne, adresse déplacée...) ; rien n'est
    laissé à moitié écrit."""


@dataclass(frozen=True)
class Fichier:
    """Un fichier du catalogue : `url` vide quand il se prend à la main sur `page` (ou quand il
    est livré avec Vigie : `page` est alors son chemin dans le dépôt)."""

    nom: str
    editeur: str
    titre: str
    url: str
    page: str
    adresse_verifiee: bool
    groupe: str = ""
    sert_a: str = ""
    formats: tuple[str, ...] = ()

    @property
    def livre(self) -> bool:
        """Livré avec Vigie (un modèle de `data/modeles/`), rien à télécharger."""
        return self.editeur == "Vigie"

    def ou_le_prendre(self, dossier: Path | None = None) -> str:
        """La phrase qui dit comment obtenir ce fichier sans la commande, et où le déposer."""
        if self.livre:
            return f"livré avec Vigie : {self.page} (copiez-le, remplissez-le, importez-le)."
        depot = dossier or dossier_telechargements()
        return (
            f"téléchargez-le depuis {self.page}, déposez-le dans {depot} (ou tout autre dossier), "
            f"puis lancez « python -m vigie import {depot} » ou la page Importer."
        )


def catalogue(chemin: Path | None = None) -> list[Fichier]:
    """Les fichiers officiels qu'une page de Vigie lit (un autre catalogue peut n'avoir que les
    colonnes nom, editeur, titre, url, page, adresse_verifiee)."""
    with open(chemin or CATALOGUE, encoding="utf-8", newline="") as f:
        return [
            Fichier(
                ligne["nom"],
                ligne["editeur"],
                ligne["titre"],
                (ligne.get("url") or "").strip(),
                ligne["page"],
                (ligne.get("adresse_verifiee") or "").strip().lower() == "oui",
                (ligne.get("groupe") or "").strip(),
                (ligne.get("sert_a") or "").strip(),
                tuple(f for f in (ligne.get("formats") or "").split("|") if f),
            )
            for ligne in csv.DictReader(f, delimiter=";")
        ]


def presents(fichiers: list[Fichier], manifeste: list[dict]) -> dict[str, bool]:
    """Pour chaque fichier du catalogue (par nom), si la base en a déjà un : un fichier importé
    (manifeste des imports) d'un des formats qu'il donne."""
    importes = {e.get("format") for e in manifeste}
    return {f.nom: bool(importes & set(f.formats)) for f in fichiers}


def dossier_telechargements() -> Path:
    """Les fichiers téléchargés vivent avec les données de l'utilisateur : une reconstruction ne
    les efface jamais."""
    return chemins.chemin_base_utilisateur().parent / "telechargements"


def telecharger(
    fichier: Fichier,
    dossier: Path | None = None,
    progression: Callable[[str, int, int | None], None] | None = None,
) -> list[Path]:
    """Télécharge un fichier (en reprenant un fichier partiel), le déballe si c'est une archive
    ZIP ; rend les fichiers obtenus.

    Raises:
        ErreurTelechargement: pas de connexion, une adresse qui répond par une erreur, ou un
            transfert tronqué ; le fichier partiel est gardé pour que la prochaine fois reprenne.
    """
    dossier = Path(dossier or dossier_telechargements())
    if not fichier.url:
        raise ErreurTelechargement(
            f"{fichier.nom} : pas d'adresse de téléchargement direct ; "
            + fichier.ou_le_prendre(dossier)
        )
    dossier.mkdir(parents=True, exist_ok=True)
    cible = dossier / fichier.nom
    partiel = cible.with_name(cible.name + ".part")
    deja = partiel.stat().st_size if partiel.exists() else 0
    requete = urllib.request.Request(fichier.url, headers={"User-Agent": "Vigie (hors ligne)"})
    if deja:
        requete.add_header("Range", f"bytes={deja}-")
    try:
        with urllib.request.urlopen(requete, timeout=DELAI_S) as reponse:
            reprise = reponse.status == 206
            if deja and not reprise:
                deja = 0  # le serveur ignore Range : on repart du début
            longueur = reponse.headers.get("Content-Length")
            total = deja + int(longueur) if longueur else None
            with open(partiel, "ab" if reprise else "wb") as sortie:
                recu = deja
                for bloc in iter(lambda: reponse.read(BLOC), b""):
                    sortie.write(bloc)
                    recu += len(bloc)
                    if progression:
                        progression(fichier.nom, recu, total)
    except urllib.error.HTTPError as erreur:
        raise ErreurTelechargement(
            f"{fichier.nom} : l'adresse {fichier.url} répond « {erreur.code} {erreur.reason} ». "
            f"L'éditeur a peut-être déplacé le fichier : téléchargez-le depuis {fichier.page}, puis "
            f"importez-le avec « python -m vigie import », et corrigez l'adresse dans {CATALOGUE.name}."
        ) from erreur
    except (urllib.error.URLError, TimeoutError, OSError) as erreur:
        raise ErreurTelechargement(
            f"{fichier.nom} : pas de connexion à {fichier.url} ({getattr(erreur, 'reason', erreur)}). "
            "Vigie fonctionne hors ligne ; pour ce fichier, connectez-vous puis relancez (le "
            "téléchargement reprendra où il s'est arrêté), ou bien "
            + fichier.ou_le_prendre(dossier)
        ) from erreur
    if total is not None and partiel.stat().st_size != total:
        raise ErreurTelechargement(
            f"{fichier.nom} : transfert interrompu ({partiel.stat().st_size} octets sur {total}). "
            "Relancez la commande : le téléchargement reprendra."
        )
    os.replace(partiel, cible)
    _noter(dossier, fichier, cible)
    # Un classeur .xlsx est lui-même une archive ZIP : il s'importe tel quel, sans être déballé.
    if zipfile.is_zipfile(cible) and cible.suffix.lower() not in SUFFIXES_CLASSEURS:
        return _deballer(cible, dossier)
    return [cible]


def _deballer(archive: Path, dossier: Path) -> list[Path]:
    """Déballe les fichiers de données d'une archive ZIP (l'INSEE livre classeurs et CSV en
    archives)."""
    extraits = []
    with zipfile.ZipFile(archive) as zip_:
        for membre in zip_.infolist():
            nom = Path(membre.filename).name  # jamais un chemin venu de l'archive (pas de « ../ »)
            if membre.is_dir() or not nom.lower().endswith((".xlsx", ".xls", ".csv", ".geojson")):
                continue
            cible = dossier / nom
            with zip_.open(membre) as source, open(cible, "wb") as sortie:
                sortie.write(source.read())
            extraits.append(cible)
    return extraits


def _noter(dossier: Path, fichier: Fichier, chemin: Path) -> None:
    """Note le téléchargement (adresse, heure, empreinte) dans le manifeste, de façon atomique."""
    manifeste = dossier / "manifeste.json"
    entrees = json.loads(manifeste.read_text(encoding="utf-8")) if manifeste.exists() else []
    entrees = [e for e in entrees if e["nom"] != fichier.nom]
    entrees.append(
        {
            "nom": fichier.nom,
            "editeur": fichier.editeur,
            "url": fichier.url,
            "telecharge_le": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "sha256": integrite.empreinte(chemin),
            "octets": chemin.stat().st_size,
        }
    )
    provisoire = manifeste.with_name(manifeste.name + ".tmp")
    provisoire.write_text(json.dumps(entrees, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(provisoire, manifeste)
