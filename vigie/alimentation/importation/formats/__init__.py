"""Tous les fichiers officiels que Vigie lit, reconnus par leur contenu (jamais par leur nom).

Chaque format est un `Format(cle, libelle, reconnaitre, lire)` : `reconnaitre(fichier)` regarde les
lignes d'en-tête, les noms de feuilles ou le type JSON ; `lire(fichier)` rend un `Lot` ou lève
`ErreurImport`. L'ordre de `FORMATS` compte quand une disposition contient les colonnes d'une autre.
`lire(chemin)` passe par la mémoire des lectures (`memoire`) : un fichier déjà lu n'est pas relu.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vigie.alimentation.importation import memoire
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats import (
    drees,
    education,
    equipements,
    finess,
    geographie,
    national,
    population,
    services,
)
from vigie.alimentation.importation.lecture import Fichier, ouvrir
from vigie.alimentation.importation.lot import Lot
from vigie.stockage import integrite


@dataclass(frozen=True)
class Format:
    cle: str
    libelle: str
    reconnaitre: Callable[[Fichier], bool]
    lire: Callable[[Fichier], Lot]


FORMATS: list[Format] = [
    Format(
        "cog_mouvements",
        "COG : événements sur les communes (v_mvt_commune)",
        geographie.reconnaitre_mouvements,
        geographie.lire_mouvements,
    ),
    Format(
        "cog_communes",
        "COG : communes (v_commune)",
        geographie.reconnaitre_cog,
        geographie.lire_cog,
    ),
    Format(
        "epci_composition",
        "INSEE : composition communale des EPCI (xlsx ou CSV)",
        geographie.reconnaitre_epci,
        geographie.lire_epci,
    ),
    Format(
        "epci_liste",
        "INSEE : liste des EPCI (CSV)",
        geographie.reconnaitre_epci_liste,
        geographie.lire_epci_liste,
    ),
    Format(
        "epci_dgcl",
        "DGCL : composition des EPCI (epcicom)",
        geographie.reconnaitre_dgcl,
        geographie.lire_dgcl,
    ),
    Format(
        "population_legale",
        "INSEE : populations légales (ensemble.xlsx, extraits CSV)",
        population.reconnaitre_populations_legales,
        population.lire_populations_legales,
    ),
    Format(
        "rp_age_detaille",
        "INSEE : recensement, population par sexe et âge détaillé (TD_POP1B)",
        population.reconnaitre_rp_detail,
        population.lire_rp_detail,
    ),
    Format(
        "rp_age_detaille_large",
        "INSEE : recensement, population par sexe et âge détaillé en colonnes (TD_POP1B)",
        population.reconnaitre_rp_detail_large,
        population.lire_rp_detail_large,
    ),
    Format(
        "rp_evol_struct",
        "INSEE : recensement, population par sexe et grand groupe d'âges "
        "(base-ic-evol-struct-pop, base-cc-evol-struct-pop)",
        population.reconnaitre_evol_struct,
        population.lire_evol_struct,
    ),
    Format(
        "rp_age_quinquennal",
        "INSEE : recensement, population par sexe et âge quinquennal",
        population.reconnaitre_rp_quinquennal,
        population.lire_rp_quinquennal,
    ),
    Format(
        "serie_historique",
        "INSEE : base-cc-serie-historique",
        population.reconnaitre_serie_historique,
        population.lire_serie_historique,
    ),
    Format(
        "etat_civil",
        "INSEE : naissances ou décès par commune (état civil)",
        population.reconnaitre_etat_civil,
        population.lire_etat_civil,
    ),
    Format(
        "estimation_departement",
        "INSEE : estimations de population par département (estim-pop-dep-sexe-aq)",
        population.reconnaitre_estimations_departement,
        population.lire_estimations_departement,
    ),
    Format(
        "mortalite_annuelle",
        "INSEE : quotients, espérance de vie, survivants (tableau 69)",
        national.reconnaitre_tableau_annee_age,
        national.lire_tableau_annee_age,
    ),
    Format(
        "mortalite_t68",
        "INSEE : tables de mortalité triennales (tableau 68)",
        national.reconnaitre_t68,
        national.lire_t68,
    ),
    Format(
        "projection_nationale",
        "INSEE : projections de population 2013-2070 (hypothèses)",
        national.reconnaitre_projection,
        national.lire_projection,
    ),
    Format(
        "pyramide_nationale",
        "INSEE : population nationale par âge (pyramide des âges)",
        national.reconnaitre_pyramide,
        national.lire_pyramide,
    ),
    Format(
        "serie_bdm",
        "INSEE : série mensuelle de la BDM (idBank)",
        national.reconnaitre_bdm,
        national.lire_bdm,
    ),
    Format(
        "bpe",
        "INSEE : base permanente des équipements (BPE)",
        services.reconnaitre_bpe,
        services.lire_bpe,
    ),
    Format(
        "ecoles_effectifs",
        "Éducation nationale : élèves et classes par école (fr-en-ecoles-effectifs-nb_classes)",
        education.reconnaitre_ecoles,
        education.lire_ecoles,
    ),
    Format(
        "colleges_effectifs",
        "Éducation nationale : élèves par collège (fr-en-college-effectifs-niveau-sexe-lv)",
        education.reconnaitre_colleges,
        education.lire_colleges,
    ),
    Format(
        "finess_etablissements",
        "FINESS : établissements, EHPAD et SSIAD (etalab-cs1100507)",
        finess.reconnaitre_etablissements,
        finess.lire_etablissements,
    ),
    Format(
        "finess_equipements",
        "FINESS : capacités des équipements sociaux et médico-sociaux (etalab-cs1100505)",
        finess.reconnaitre_equipements,
        finess.lire_equipements,
    ),
    Format(
        "drees_apa",
        "DREES : bénéficiaires de l'APA par sexe et âge, par département",
        drees.reconnaitre_apa,
        drees.lire_apa,
    ),
    Format(
        "equipements_modele",
        "Vigie : modèle d'équipements et de capacités (places de crèche CAF, capacités locales)",
        equipements.reconnaitre_modele,
        equipements.lire_modele,
    ),
    Format(
        "usages",
        "Vigie : modèle de fréquentation des services (format long)",
        services.reconnaitre_usages,
        services.lire_usages,
    ),
    Format(
        "geojson",
        "Contours des communes ou du département (GeoJSON)",
        geographie.reconnaitre_geojson,
        geographie.lire_geojson,
    ),
]


def formats_acceptes() -> str:
    """La liste en français des genres acceptés, pour le message « fichier inconnu » et l'appli."""
    return " ; ".join(f.libelle for f in FORMATS)


def reconnaitre(fichier: Fichier) -> Format:
    """Le format d'un fichier ouvert.

    Raises:
        ErreurImport: aucun format ne le reconnaît (un fichier d'un autre genre).
    """
    for fmt in FORMATS:
        if fmt.reconnaitre(fichier):
            return fmt
    if fichier.genre == "csv":
        entete = ", ".join(fichier.feuilles[0].lignes[0][:8])
        vu = f"en-tête lu : {entete}"
    elif fichier.genre == "classeur":
        vu = "feuilles : " + ", ".join(f.nom for f in fichier.feuilles[:8])
    else:
        vu = "document JSON sans FeatureCollection ni Feature"
    raise ErreurImport(
        fichier.nom,
        f"type de fichier non reconnu ({vu}).",
        "Vigie lit ces fichiers tels que publiés : " + formats_acceptes() + ". Importez le "
        "fichier original, sans le modifier ; pour vos propres fréquentations, partez du "
        "modèle data/modeles/modele_usages.csv.",
        ligne=fichier.feuilles[0].numeros[0] if fichier.genre == "csv" else None,
    )


def lire(
    chemin: Path, nom: str | None = None, garder: bool = True, usage: dict | None = None
) -> Lot:
    """Ouvre, reconnaît et lit un fichier en un `Lot` (rien n'est écrit dans la base).

    Un fichier déjà lu (même contenu, même nom) est repris de la mémoire des lectures.
    `usage` (``{"service": …, "indicateur": …, "unite": …, "code_commune": …}``) : l'export BDM
    est lu comme une série d'usage (`national.bdm_en_usage`), à la demande de l'utilisateur.

    Raises:
        ErreurImport: avec le fichier, la ligne, la colonne et ce qu'il faut faire.
    """
    chemin = Path(chemin)
    nom = nom or chemin.name
    sha = integrite.empreinte(chemin) if chemin.is_file() else ""
    lot = memoire.retrouver(sha, nom, chemin) if sha and garder else None
    if lot is None:
        fichier = ouvrir(chemin, nom)
        lot = reconnaitre(fichier).lire(fichier)
        lot.sha256 = sha
        if sha and garder:
            memoire.garder(lot)
    if usage:
        return national.bdm_en_usage(lot, **usage)
    return lot
