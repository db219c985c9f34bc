"""Ce que donne la lecture d'un fichier officiel, avant toute écriture : un `Lot`.

Un lot tient, par table de la base, les lignes lues dans le fichier (un DataFrame aux noms de
colonnes de la table, plus `_ligne`, la ligne du fichier d'où vient chaque ligne, pour qu'un
problème trouvé au contact de la base — un code commune inconnu — nomme encore sa ligne), la
description de la source (éditeur, titre, millésime, licence, adresse), l'année du COG de ses codes
communes et l'empreinte SHA-256 du fichier lu.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from vigie.alimentation.importation.lecture import Fichier

LICENCE_OUVERTE = "Licence Ouverte / Etalab 2.0"

# Ordre d'écriture des lots : la géographie d'abord (événements, communes, EPCI), pour que les codes
# de tous les autres fichiers soient ramenés à la géographie actuelle.
PRIORITES = {
    "cog_mouvements": 0,
    "cog_communes": 1,
    "epci_composition": 2,
    "epci_dgcl": 2,
    "epci_liste": 3,
    "departements": 3,
}
PRIORITE_DONNEES = 10


@dataclass
class Lot:
    """Les lignes qu'un fichier donne, par table, validées seules (codes pas encore harmonisés)."""

    format: str  # clé du format (voir vigie.alimentation.importation.formats.FORMATS)
    libelle: str  # nom français du genre de fichier, affiché dans le tableau du résultat
    nom: str  # nom du fichier tel que l'utilisateur l'a donné
    chemin: Path
    source: dict  # editeur, titre, millesime, licence, url
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    annee_cog: int | None = None
    colonne_commune: str | None = None  # colonne du fichier qui porte le code commune
    feuille: str | None = None  # feuille d'où viennent les lignes, pour les messages
    remarques: list[str] = field(default_factory=list)  # en français, affichées après l'import
    sha256: str = ""  # empreinte du fichier lu (vide : à calculer)

    @classmethod
    def du_fichier(
        cls,
        fichier: Fichier,
        format: str,
        libelle: str,
        *,
        titre: str,
        millesime: str,
        url: str,
        editeur: str = "INSEE",
        licence: str = LICENCE_OUVERTE,
        **champs,
    ) -> Lot:
        """Le lot d'un fichier lu : nom et chemin pris au fichier, source décrite par son titre,
        son millésime et son adresse (l'INSEE sous Licence Ouverte, sauf mention contraire) ;
        `champs` : les autres attributs (tables, annee_cog, colonne_commune, feuille, remarques).
        """
        source = {
            "editeur": editeur,
            "titre": titre,
            "millesime": millesime,
            "licence": licence,
            "url": url,
        }
        return cls(format, libelle, fichier.nom, fichier.chemin, source, **champs)

    @property
    def priorite(self) -> int:
        return PRIORITES.get(self.format, PRIORITE_DONNEES)

    @property
    def lignes(self) -> int:
        return sum(len(df) for df in self.tables.values())
