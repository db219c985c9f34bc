"""Les capacités que l'utilisateur corrige ou ajoute dans Vigie (page Services, issue 15).

Une saisie vaut pour un équipement : corriger la capacité d'une crèche importée de la BPE, dire
qu'une école ferme en 2028, ajouter une crèche de 30 places dans une commune. Elle est gardée dans
la base de l'utilisateur (table `capacite_saisie` de `sql/utilisateur/schema.sql`, par sa seule
porte `vigie.stockage.base_utilisateur`), qu'aucune reconstruction ne touche, et écrite dans la base
construite par l'alimentation (`vigie.alimentation.capacites_saisies`) : à chaque construction,
après chaque import, et ici à l'enregistrement, sur une copie mise en place d'un coup sous le
verrou d'écriture du dossier (`vigie.stockage.modification`). Les capacités importées restent la
base : une saisie annulée rend la valeur importée.

Contrôles, en français, avant toute écriture : nom et service présents, commune connue de la base,
capacité positive ou nulle avec son unité, années sur quatre chiffres, fermeture après l'ouverture.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vigie import chemins
from vigie.alimentation import capacites_saisies
from vigie.format_fr import nombre
from vigie.stockage import base as bd
from vigie.stockage import base_utilisateur, catalogue_services, modification, verrou

ANNEE_MIN, ANNEE_MAX = 1800, 2100
PREFIXE_AJOUT = "SAISIE-"


class ErreurCapacite(ValueError):
    """Des saisies refusées ; rien n'a été écrit.

    Attributes:
        erreurs: une phrase en français par problème, qui nomme la ligne, l'équipement et la
            colonne, et dit quoi faire.
    """

    def __init__(self, erreurs: list[str]) -> None:
        self.erreurs = erreurs
        super().__init__(" ".join(erreurs))


@dataclass(frozen=True)
class Saisie:
    """Les valeurs d'un équipement telles que l'utilisateur les veut.

    Attributes:
        id_equipement: l'équipement corrigé (importé ou déjà ajouté) ; None pour en ajouter un.
        capacite: dans `unite_capacite` ; None : inconnue (la BPE n'en donne pas).
        annee_fermeture: première année sans l'équipement ; None : toujours ouvert.
        ligne: sa ligne dans le tableau de la page (pour les messages), si elle en a une.
    """

    id_equipement: str | None
    nom: str
    service: str
    code_commune: str
    capacite: float | None
    unite_capacite: str | None
    annee_ouverture: int | None = None
    annee_fermeture: int | None = None
    type_equipement: str = ""
    ligne: int | None = None


def lire(chemin: Path | None = None) -> pd.DataFrame:
    """Les saisies de l'utilisateur (une ligne par équipement corrigé ou ajouté)."""
    return capacites_saisies.saisies(chemin)


def _vide(valeur) -> bool:
    return valeur is None or (isinstance(valeur, float) and pd.isna(valeur)) or valeur == ""


def _annee(valeur, lieu: str, colonne: str, erreurs: list[str]) -> int | None:
    if _vide(valeur):
        return None
    try:
        annee = float(str(valeur).replace(",", ".").strip())
    except ValueError:
        annee = float("nan")
    if not (annee == int(annee) if annee == annee else False) or not (
        ANNEE_MIN <= annee <= ANNEE_MAX
    ):
        erreurs.append(
            f"{lieu}, colonne « {colonne} » : « {valeur} » n'est pas une année. Écrivez-la sur "
            "quatre chiffres (par exemple 2027), ou laissez la case vide."
        )
        return None
    return int(annee)


def verifier(
    saisie: Saisie, communes: dict[str, str], services_admis: set[str]
) -> tuple[Saisie, list[str]]:
    """Contrôle une saisie ; rend la saisie nettoyée (textes sans blancs, années entières) et les
    problèmes trouvés (vide : acceptée).

    Args:
        communes: code -> nom des communes connues de la base construite.
        services_admis: les services du registre, et celui de l'équipement s'il en a un autre.
    """
    nom = str(saisie.nom or "").strip()
    lieu = f"Ligne {saisie.ligne}" if saisie.ligne is not None else "Équipement"
    lieu += f" (« {nom} »)" if nom else " (nouvel équipement)"
    erreurs: list[str] = []
    if not nom:
        erreurs.append(f"{lieu}, colonne « Équipement » : donnez le nom de l'équipement.")
    service = str(saisie.service or "").strip()
    if service not in services_admis:
        connus = ", ".join(sorted(catalogue_services.libelle(s) for s in services_admis))
        erreurs.append(
            f"{lieu}, colonne « Service » : service « {service or 'vide'} » inconnu. Choisissez "
            f"l'un des services suivis : {connus}."
        )
    code = str(saisie.code_commune or "").strip()
    if code not in communes:
        erreurs.append(
            f"{lieu}, colonne « Commune » : commune « {code or 'vide'} » inconnue dans la "
            "géographie de la base. Choisissez une commune du périmètre, ou importez le COG qui "
            "la contient."
        )
    capacite = None
    if not _vide(saisie.capacite):
        try:
            capacite = float(str(saisie.capacite).replace(",", ".").replace("\u202f", ""))
        except ValueError:
            erreurs.append(
                f"{lieu}, colonne « Capacité » : « {saisie.capacite} » n'est pas un nombre. "
                "Saisissez par exemple 30."
            )
        else:
            if capacite < 0 or capacite != capacite:
                erreurs.append(
                    f"{lieu}, colonne « Capacité » : capacité négative ({nombre(capacite)}). "
                    "Saisissez un nombre de places, de lits ou de classes positif ou nul."
                )
    elif saisie.id_equipement is None:
        erreurs.append(
            f"{lieu}, colonne « Capacité » : donnez la capacité du nouvel équipement (par "
            "exemple 30 places)."
        )
    unite = str(saisie.unite_capacite or "").strip() or None
    if capacite is not None and unite is None:
        erreurs.append(
            f"{lieu}, colonne « Unité » : donnez l'unité de la capacité (places, lits, classes, "
            "élèves)."
        )
    ouverture = _annee(saisie.annee_ouverture, lieu, "Ouverture", erreurs)
    fermeture = _annee(saisie.annee_fermeture, lieu, "Fermeture", erreurs)
    if ouverture is not None and fermeture is not None and fermeture <= ouverture:
        erreurs.append(
            f"{lieu}, colonne « Fermeture » : fermeture en {fermeture}, avant ou l'année de "
            f"l'ouverture ({ouverture}). L'année de fermeture est la première année sans "
            "l'équipement : elle suit l'ouverture."
        )
    nette = Saisie(
        saisie.id_equipement,
        nom,
        service,
        code,
        capacite,
        unite,
        ouverture,
        fermeture,
        str(saisie.type_equipement or "").strip(),
        saisie.ligne,
    )
    return nette, erreurs


def enregistrer(
    saisies: Iterable[Saisie],
    annulees: Iterable[str] = (),
    base: Path | None = None,
) -> list[str]:
    """Contrôle les saisies sur la base construite, les garde dans la base de l'utilisateur et les
    applique à la base construite (d'un seul coup, sous le verrou d'écriture du dossier).

    Args:
        saisies: les équipements corrigés ou ajoutés.
        annulees: les équipements dont la saisie est oubliée (un équipement ajouté disparaît, un
            équipement importé reprend ses valeurs importées).
        base: la base construite (défaut : `chemins.chemin_base()`).

    Returns:
        Les remarques de l'application (équipement disparu des données importées...).

    Raises:
        ErreurCapacite: une saisie refusée (toutes les raisons, en français) ; rien n'est écrit.
        base_utilisateur.BaseUtilisateurOccupee: la base des réglages est restée occupée.
        verrou.EcritureOccupee: une construction ou un import ne finit pas.
    """
    saisies, annulees = list(saisies), list(annulees)
    chemin_base = Path(base or chemins.chemin_base())
    lecture = bd.connecter(chemin_base)
    try:
        choix = bd.requete(lecture, "communes_choix", dep="")
        communes = dict(zip(choix["code_commune"], choix["nom_commune"], strict=True))
        presents = bd.requete(lecture, "equipements_identifiants").set_index("id_equipement")
    finally:
        lecture.close()
    deja = lire().set_index("id_equipement")
    registre = {s.code for s in catalogue_services.services()}
    erreurs, a_ecrire = [], []
    for saisie in saisies:
        admis = set(registre)
        if saisie.id_equipement in presents.index:
            admis.add(str(presents.at[saisie.id_equipement, "service"]))
        nette, problemes = verifier(saisie, communes, admis)
        erreurs += problemes
        ajoute = nette.id_equipement is None or (
            nette.id_equipement in deja.index and bool(deja.at[nette.id_equipement, "ajoute"])
        )
        if not ajoute and nette.id_equipement not in presents.index:
            erreurs.append(
                f"Équipement {nette.id_equipement} inconnu de la base : rechargez la page."
            )
        a_ecrire.append((nette, ajoute))
    if erreurs:
        raise ErreurCapacite(erreurs)
    precedentes = deja.reset_index()
    with verrou.ecriture(chemin_base, "saisie des capacités"):
        with base_utilisateur.ouvrir(ecriture=True) as con:
            for identifiant in annulees:
                con.execute(
                    base_utilisateur.texte("capacite_saisie_supprimer"),
                    {"id_equipement": identifiant},
                )
            for nette, ajoute in a_ecrire:
                con.execute(
                    base_utilisateur.texte("capacite_saisie_enregistrer"),
                    {
                        "id_equipement": nette.id_equipement
                        or PREFIXE_AJOUT + uuid.uuid4().hex[:12],
                        "ajoute": ajoute,
                        "code_commune": nette.code_commune,
                        "service": nette.service,
                        "type_equipement": nette.type_equipement
                        or catalogue_services.libelle(nette.service),
                        "nom": nette.nom,
                        "capacite": nette.capacite,
                        "unite_capacite": nette.unite_capacite,
                        "annee_ouverture": nette.annee_ouverture,
                        "annee_fermeture": nette.annee_fermeture,
                    },
                )
        try:
            return modification.modifier_base(
                capacites_saisies.reappliquer, chemin_base, quoi="saisie des capacités"
            )
        except modification.ControlesEnEchec as erreur:
            _remettre(precedentes)
            raise ErreurCapacite(
                [
                    "La base construite refuse ces capacités ("
                    + " ; ".join(erreur.problemes)
                    + "). Rien n'a été changé."
                ]
            ) from erreur


def annuler(identifiants: Iterable[str], base: Path | None = None) -> list[str]:
    """Oublie les saisies de ces équipements : valeurs importées rétablies, ajouts retirés."""
    return enregistrer([], annulees=identifiants, base=base)


def _remettre(precedentes: pd.DataFrame) -> None:
    """Remet la table des saisies telle qu'elle était (la base construite les a refusées)."""
    with base_utilisateur.ouvrir(ecriture=True) as con:
        con.execute(base_utilisateur.texte("capacite_saisie_vider"))
        if not precedentes.empty:
            con.register("_precedentes", precedentes)
            con.execute(base_utilisateur.texte("capacite_saisie_remettre"))
