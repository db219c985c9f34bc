"""Les capacités saisies par l'utilisateur écrites dans la base construite (issue 15).

Les capacités importées (BPE, FINESS, Éducation nationale, modèle de capacités, démonstration)
restent la base ; les saisies de l'utilisateur (gardées dans sa base à lui, table
`capacite_saisie`) les remplacent dans `equipement`, avec pour source une ligne « Saisie locale »
datée (origine `saisie`, une par jour de saisie). La valeur importée d'un équipement corrigé est
gardée à côté (`equipement_importe`, `sql/schema/09_saisie_locale.sql`) : `retirer` la remet en
place, ce qui rend l'application répétable.

`appliquer(con)` est appelé à chaque construction et après chaque import (après les capacités
FINESS, que la saisie emporte), `reappliquer` par `vigie.reglages.capacites` après une saisie, sur
une copie de la base mise en place d'un coup (`vigie.stockage.modification`). Toutes les pages et
tous les exports qui lisent `equipement` (Services, alertes de l'accueil, écart de capacité de la
Carte, PDF, diaporama, classeur, Présentation) voient ainsi la capacité saisie.

Ce module est de l'alimentation : il lit les saisies par la porte de la base de l'utilisateur
(`vigie.stockage.base_utilisateur`), sans importer les réglages qui l'appellent.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from vigie import chemins
from vigie.alimentation import geographie_cog as geographie
from vigie.stockage import base as bd
from vigie.stockage import base_utilisateur, sources

SQL = "load/saisie_locale/"
SOURCE = {
    "editeur": "Saisie locale",
    "titre": "Capacités saisies dans Vigie",
    "licence": "Données de la collectivité",
    "url": "",
}


def millesime(jour: pd.Timestamp) -> str:
    """« saisie du 02/12/2026 » : le millésime de la source des saisies d'un jour."""
    return f"saisie du {jour:%d/%m/%Y}"


def saisies(chemin: Path | None = None) -> pd.DataFrame:
    """Les saisies de l'utilisateur (`capacite_saisie`), la plus ancienne d'abord."""
    return base_utilisateur.lire("capacite_saisie_lire", chemin)


def _preparer(con: bd.Connexion) -> None:
    bd.executer(con, "schema/09_saisie_locale")  # create if not exists : une base d'avant


def retirer(con: bd.Connexion) -> None:
    """Remet les valeurs importées des équipements corrigés, retire les équipements ajoutés et
    les sources des saisies (une instruction validée à la fois, voir `modification`)."""
    _preparer(con)
    for etape in ("restaurer", "vider_importe", "supprimer_ajouts", "supprimer_sources"):
        bd.executer(con, SQL + etape)


def reappliquer(con: bd.Connexion) -> list[str]:
    """Retire les saisies écrites et les réécrit (après une saisie ou une annulation)."""
    retirer(con)
    return appliquer(con)


def appliquer(con: bd.Connexion, chemin: Path | None = None) -> list[str]:
    """Écrit les saisies de l'utilisateur dans `equipement` ; rend des remarques en français
    (équipement qui n'est plus dans les données importées, commune disparue depuis)."""
    _preparer(con)
    lignes = saisies(chemin)
    if lignes.empty:
        return []
    empreinte = hashlib.sha256(
        json.dumps(lignes.astype(str).to_dict("records"), sort_keys=True).encode()
    ).hexdigest()
    fichier = Path(chemin or chemins.chemin_base_utilisateur()).name
    id_par_jour: dict = {}
    for jour in sorted(set(pd.to_datetime(lignes["saisi_le"]).dt.normalize())):
        id_par_jour[jour] = sources.enregistrer_fichier(
            con,
            fichier,
            SOURCE | {"millesime": millesime(jour)},
            empreinte,
            origine="saisie",
        )
    referentiel = {c for (c,) in bd.executer(con, "construction/codes_communes").fetchall()}
    passage = geographie.table_passage(con)
    remarques = []
    for s in lignes.itertuples(index=False):
        commune = geographie.code_actuel(str(s.code_commune), referentiel, passage)
        if commune is None:
            remarques.append(
                f"Capacité saisie de « {s.nom} » non appliquée : la commune {s.code_commune} "
                "n'est pas dans la géographie de la base."
            )
            continue
        valeurs = {
            "id_equipement": s.id_equipement,
            "code_commune": commune,
            "service": s.service,
            "nom": s.nom,
            "capacite": None if pd.isna(s.capacite) else float(s.capacite),
            "unite_capacite": None if pd.isna(s.unite_capacite) else s.unite_capacite,
            "annee_ouverture": None if pd.isna(s.annee_ouverture) else int(s.annee_ouverture),
            "annee_fermeture": None if pd.isna(s.annee_fermeture) else int(s.annee_fermeture),
            "id_source": id_par_jour[pd.Timestamp(s.saisi_le).normalize()],
        }
        present = bd.executer(con, SQL + "equipement_present", id_equipement=s.id_equipement)
        if s.ajoute:
            if present.fetchone()[0]:
                remarques.append(
                    f"Équipement saisi « {s.nom} » non ajouté : l'identifiant {s.id_equipement} "
                    "est déjà pris."
                )
                continue
            bd.executer(con, SQL + "ajouter", type_equipement=s.type_equipement, **valeurs)
        elif not present.fetchone()[0]:
            remarques.append(
                f"Capacité saisie de « {s.nom} » non appliquée : l'équipement {s.id_equipement} "
                "n'est plus dans les données importées (annulez la saisie, ou ajoutez-le)."
            )
        else:
            bd.executer(con, SQL + "sauvegarder", id_equipement=s.id_equipement)
            bd.executer(con, SQL + "remplacer", **valeurs)
    return remarques
