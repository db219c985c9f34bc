"""Le modèle d'équipements de Vigie (`data/modeles/modele_equipements.csv`) : les capacités qu'un
territoire connaît et qu'aucun fichier national ne publie, par exemple les places de crèche et de
multi-accueil relevées par la CAF (data.caf.fr, « accueil du jeune enfant ») ou l'ONAPE, les
capacités d'accueil des collèges, les lits d'un EHPAD ouvert depuis l'extraction FINESS.

Une ligne par équipement : `id_equipement` (choisi par vous, stable : réimporter le même
identifiant met l'équipement à jour), `code_commune`, `service`, `type_equipement`, `nom`,
`capacite`, `unite_capacite`, et, facultatifs, `effectif`, `annee_ouverture`, `annee_fermeture`
(première année sans l'équipement). CSV `;` (UTF-8 ou Windows-1252) ou classeur XLSX.
"""

from __future__ import annotations

import pandas as pd

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats import commun
from vigie.alimentation.importation.formats.commun import (
    code_commune,
    feuille_et_colonnes,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import colonnes, nombre
from vigie.alimentation.importation.lot import Lot

OBLIGATOIRES = [
    "id_equipement",
    "code_commune",
    "service",
    "type_equipement",
    "nom",
    "capacite",
    "unite_capacite",
]
FACULTATIVES = ["effectif", "annee_ouverture", "annee_fermeture"]


reconnaitre_modele = commun.reconnu_a_ses_colonnes(OBLIGATOIRES)


def _annee(feuille, k, j, fichier, numero, nom) -> int | None:
    if j is None or not feuille.texte(k, j):
        return None
    texte = feuille.texte(k, j)
    if not (texte.isdigit() and 1800 <= int(texte) <= 2100):
        raise ErreurImport(
            fichier.nom,
            f"année « {texte} » illisible.",
            "Écrivez l'année sur quatre chiffres (ex. 2027), ou laissez la cellule vide.",
            ligne=numero,
            colonne=nom,
            feuille=feuille.nom,
        )
    return int(texte)


def lire_modele(fichier) -> Lot:
    feuille, i, col = feuille_et_colonnes(fichier, OBLIGATOIRES)
    index = colonnes(feuille, i)
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        numero = feuille.numeros[k]
        identifiant = feuille.texte(k, col["id_equipement"])
        if not identifiant:
            continue
        ligne = {"id_equipement": identifiant, "_ligne": numero}
        for champ in ("service", "type_equipement", "nom", "unite_capacite"):
            ligne[champ] = feuille.texte(k, col[champ])
            if not ligne[champ]:
                raise feuille.erreur(
                    fichier.nom,
                    k,
                    f"« {champ} » vide.",
                    "Chaque équipement dit son service, son type, son nom et l'unité de sa "
                    "capacité (places, lits, classes, élèves).",
                    colonne=champ,
                )
        ligne["code_commune"] = code_commune(
            feuille.texte(k, col["code_commune"]), fichier.nom, numero, "code_commune", feuille.nom
        )
        ligne["capacite"] = nombre(
            feuille.lignes[k][col["capacite"]], fichier.nom, numero, "capacite", feuille.nom
        )
        j = index.get("effectif")
        ligne["effectif"] = (
            nombre(feuille.lignes[k][j], fichier.nom, numero, "effectif", feuille.nom, True)
            if j is not None and j < len(feuille.lignes[k])
            else None
        )
        for nom in ("annee_ouverture", "annee_fermeture"):
            ligne[nom] = _annee(feuille, k, index.get(nom), fichier, numero, nom)
        if (
            ligne["annee_ouverture"] is not None
            and ligne["annee_fermeture"] is not None
            and ligne["annee_fermeture"] <= ligne["annee_ouverture"]
        ):
            raise feuille.erreur(
                fichier.nom,
                k,
                f"fermeture en {ligne['annee_fermeture']} avant ou l'année de l'ouverture "
                f"({ligne['annee_ouverture']}).",
                "L'année de fermeture est la première année sans l'équipement.",
                colonne="annee_fermeture",
            )
        lignes.append(ligne)
    df = pd.DataFrame(lignes)
    if df.empty:
        raise ErreurImport(fichier.nom, "aucun équipement.", "Remplissez le modèle.")
    verifier_doublons(df, ["id_equipement"], fichier.nom, "id_equipement", feuille.nom)
    par_service = df.groupby("service")["capacite"].agg(["size", "sum"])
    return Lot.du_fichier(
        fichier,
        "equipements_modele",
        "Équipements et capacités (modèle Vigie)",
        titre="Équipements et capacités",
        millesime="saisie locale",
        url="",
        editeur="Collectivité (saisie locale)",
        licence="Données de la collectivité",
        tables={"equipement": df},
        colonne_commune="code_commune",
        feuille=feuille.nom,
        remarques=[
            "Équipements : "
            + ", ".join(f"{s} {int(n)} ({v:g})" for s, (n, v) in par_service.iterrows())
            + " (nombre et capacité totale par service)."
        ],
    )
