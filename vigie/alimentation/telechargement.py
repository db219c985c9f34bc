"""`python -m vigie download` : télécharger les fichiers nationaux officiels quand l'utilisateur le
demande, et seulement alors.

C'est le seul accès de Vigie au réseau. Le catalogue des fichiers
(`data/reference/telechargements.csv` : nom, éditeur, adresse, page qui le documente) se modifie,
car les éditeurs déplacent leurs fichiers : une adresse pas encore vérifiée sur la page de l'éditeur
le dit. Un téléchargement s'écrit dans `<nom>.part` et reprend où il s'était arrêté (HTTP Range)
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
    nom: str
    editeur: str
    titre: str
    url: str
    page: str
    adresse_verifiee: bool


def catalogue(chemin: Path | None = None) -> list[Fichier]:
    """Les fichiers officiels que Vigie sait télécharger."""
    with open(chemin or CATALOGUE, encoding="utf-8", newline="") as f:
        return [
            Fichier(
                ligne["nom"],
                ligne["editeur"],
                ligne["titre"],
                ligne["url"],
                ligne["page"],
                ligne["adresse_verifiee"].strip().lower() == "oui",
            )
            for ligne in csv.DictReader(f, delimiter=";")
        ]


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
            f"téléchargement reprendra où il s'est arrêté), ou téléchargez-le depuis {fichier.page}."
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
