"""The user's saved scenarios: create, edit (a new version each time), list, bin and restore.

Kept in the user's database (`vigie.stockage.base_utilisateur`, tables `scenario` and `scenario_version` of
`sql/utilisateur/schema.sql`), which `python -m vigie build` never opens: scenarios survive a
rebuild. Every save is one transaction on the locked file, so two sessions or two programs saving
at the same time both get their scenario, with distinct ids and versions, and a reader sees either
the state before a save or the state after it, never half of it. Nothing is ever erased: an edit
adds a version (earlier ones stay readable), a deletion puts the scenario in the bin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from models.projection import ErreurScenario
from models.scenarios import HypothesesScenario
from vigie.stockage import base_utilisateur

NOM_MAX = 120
DESCRIPTION_MAX = 4000


class ScenarioIntrouvable(KeyError):
    """No saved scenario (or version) with that id."""

    def __str__(self) -> str:  # KeyError quotes its message
        return str(self.args[0])


@dataclass(frozen=True)
class ScenarioEnregistre:
    """One version of a saved scenario."""

    id_scenario: int
    version: int
    nom: str
    description: str
    auteur: str
    hypotheses: HypothesesScenario
    cree_le: pd.Timestamp | None = None
    modifie_le: pd.Timestamp | None = None
    base: str = "central"
    version_courante: int | None = None
    dans_corbeille: bool = False


def _textes(nom: str, description: str, auteur: str) -> tuple[str, str, str]:
    nom = (nom or "").strip()
    if not nom:
        raise ErreurScenario("nom : donnez un nom au scénario (par exemple « 400 logements »).")
    if len(nom) > NOM_MAX:
        raise ErreurScenario(f"nom : {NOM_MAX} caractères au plus, reçu {len(nom)}.")
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ErreurScenario(
            f"description : {DESCRIPTION_MAX} caractères au plus, reçu {len(description)}."
        )
    return nom, description, (auteur or "").strip()[:NOM_MAX]


def creer(
    nom: str,
    hypotheses: HypothesesScenario,
    description: str = "",
    auteur: str = "",
    base: str = "central",
    chemin: Path | None = None,
) -> ScenarioEnregistre:
    """Save a new scenario (version 1) and return it with its id.

    Raises:
        ErreurScenario: an empty or too long name or description.
        base_utilisateur.BaseUtilisateurOccupee: the file stayed locked; nothing was written.
    """
    nom, description, auteur = _textes(nom, description, auteur)
    parametres = hypotheses.to_json()
    with base_utilisateur.ouvrir(ecriture=True, chemin=chemin) as con:
        identifiant = int(con.execute(base_utilisateur.texte("scenario_prochain_id")).fetchone()[0])
        valeurs = {"id": identifiant, "nom": nom, "description": description, "auteur": auteur}
        con.execute(base_utilisateur.texte("scenario_creer"), {**valeurs, "base": str(base)})
        con.execute(
            base_utilisateur.texte("scenario_version_ajouter"),
            {**valeurs, "version": 1, "parametres": parametres},
        )
    return lire(identifiant, chemin=chemin)


def modifier(
    id_scenario: int,
    hypotheses: HypothesesScenario,
    nom: str,
    description: str = "",
    auteur: str = "",
    chemin: Path | None = None,
) -> ScenarioEnregistre:
    """Save an edit as a new version (the earlier ones stay readable); return the new version.

    Raises:
        ScenarioIntrouvable: no scenario with that id.
        ErreurScenario, base_utilisateur.BaseUtilisateurOccupee: as `creer`.
    """
    nom, description, auteur = _textes(nom, description, auteur)
    with base_utilisateur.ouvrir(ecriture=True, chemin=chemin) as con:
        derniere = _derniere_version(con, id_scenario)
        valeurs = {
            "id": int(id_scenario),
            "version": derniere + 1,
            "nom": nom,
            "description": description,
            "auteur": auteur,
        }
        con.execute(
            base_utilisateur.texte("scenario_version_ajouter"),
            {**valeurs, "parametres": hypotheses.to_json()},
        )
        con.execute(base_utilisateur.texte("scenario_mettre_a_jour"), valeurs)
    return lire(id_scenario, chemin=chemin)


def lister(corbeille: bool = False, chemin: Path | None = None) -> pd.DataFrame:
    """The scenarios (current version), most recently changed first; those in the bin when
    `corbeille` is true, the others otherwise. Columns of `scenarios_lister.sql`."""
    df = base_utilisateur.lire("scenarios_lister", chemin)
    dans = df["supprime_le"].notna()
    return df[dans if corbeille else ~dans].reset_index(drop=True)


def versions(id_scenario: int, chemin: Path | None = None) -> pd.DataFrame:
    """Every version of a scenario, the latest first (columns of `scenario_versions.sql`)."""
    return base_utilisateur.lire("scenario_versions", chemin, id=int(id_scenario))


def lire(
    id_scenario: int, version: int | None = None, chemin: Path | None = None
) -> ScenarioEnregistre:
    """One version of a scenario (the current one by default), bin or not.

    Raises:
        ScenarioIntrouvable: no such scenario or version.
    """
    tous = base_utilisateur.lire("scenarios_lister", chemin)
    ligne = tous[tous["id_scenario"] == int(id_scenario)]
    if ligne.empty:
        raise ScenarioIntrouvable(f"Aucun scénario enregistré sous le numéro {id_scenario}.")
    ligne = ligne.iloc[0]
    if version is None or int(version) == int(ligne["version_courante"]):
        v = ligne
        numero = int(ligne["version_courante"])
    else:
        toutes = versions(id_scenario, chemin)
        choisie = toutes[toutes["version"] == int(version)]
        if choisie.empty:
            raise ScenarioIntrouvable(
                f"Le scénario « {ligne['nom']} » n'a pas de version {version} "
                f"(versions 1 à {int(ligne['version_courante'])})."
            )
        v = choisie.iloc[0]
        numero = int(version)
    return ScenarioEnregistre(
        id_scenario=int(id_scenario),
        version=numero,
        nom=str(v["nom"]),
        description=str(v["description"]),
        auteur=str(v["auteur"]),
        hypotheses=HypothesesScenario.from_json(v["parametres"]),
        cree_le=ligne["cree_le"],
        modifie_le=ligne["modifie_le"],
        base=str(ligne["base"]),
        version_courante=int(ligne["version_courante"]),
        dans_corbeille=bool(pd.notna(ligne["supprime_le"])),
    )


def _derniere_version(con, id_scenario: int) -> int:
    """La dernière version du scénario `id_scenario` (dans une écriture en cours).

    Raises:
        ScenarioIntrouvable: aucun scénario sous ce numéro.
    """
    derniere, existe = con.execute(
        base_utilisateur.texte("scenario_version_derniere"), {"id": int(id_scenario)}
    ).fetchone()
    if not existe:
        raise ScenarioIntrouvable(f"Aucun scénario enregistré sous le numéro {id_scenario}.")
    return int(derniere)


def _corbeille(id_scenario: int, dans: bool, chemin: Path | None) -> None:
    with base_utilisateur.ouvrir(ecriture=True, chemin=chemin) as con:
        _derniere_version(con, id_scenario)
        con.execute(
            base_utilisateur.texte("scenario_corbeille"), {"id": int(id_scenario), "dans": dans}
        )


def supprimer(id_scenario: int, chemin: Path | None = None) -> None:
    """Put a scenario in the bin (it can be restored; nothing is erased)."""
    _corbeille(id_scenario, True, chemin)


def restaurer(id_scenario: int, chemin: Path | None = None) -> None:
    """Take a scenario out of the bin."""
    _corbeille(id_scenario, False, chemin)
