"""Les scénarios enregistrés de l'utilisateur : créer, modifier (une nouvelle version à chaque
fois), lister, mettre à la corbeille et restaurer.

Gardés dans la base de l'utilisateur (`vigie.stockage.base_utilisateur`, tables `scenario` et
`scenario_version` de `sql/utilisateur/schema.sql`), que `python -m vigie build` n'ouvre jamais :
les scénarios survivent à une reconstruction. Chaque enregistrement est une transaction sur le
fichier verrouillé : deux sessions ou deux programmes qui enregistrent en même temps obtiennent
chacun leur scénario, avec des identifiants et des versions distincts, et un lecteur voit soit
l'état d'avant un enregistrement, soit celui d'après, jamais un état à moitié écrit. Rien n'est
jamais effacé : une modification ajoute une version (les précédentes restent lisibles), une
suppression met le scénario à la corbeille.
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
    """Aucun scénario enregistré (ou aucune version) sous cet identifiant."""

    def __str__(self) -> str:  # KeyError met son message entre guillemets
        return str(self.args[0])


@dataclass(frozen=True)
class ScenarioEnregistre:
    """Une version d'un scénario enregistré."""

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
    """Enregistre un nouveau scénario (version 1) et le renvoie avec son identifiant.

    Raises:
        ErreurScenario: un nom ou une description vide ou trop long.
        base_utilisateur.BaseUtilisateurOccupee: le fichier est resté verrouillé ; rien n'a été
            écrit.
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
    """Enregistre une modification comme nouvelle version (les précédentes restent lisibles) ;
    renvoie la nouvelle version.

    Raises:
        ScenarioIntrouvable: aucun scénario sous cet identifiant.
        ErreurScenario, base_utilisateur.BaseUtilisateurOccupee: comme `creer`.
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
    """Les scénarios (version courante), les plus récemment modifiés d'abord ; ceux de la corbeille
    quand `corbeille` est vrai, les autres sinon. Colonnes de `scenarios_lister.sql`."""
    df = base_utilisateur.lire("scenarios_lister", chemin)
    dans = df["supprime_le"].notna()
    return df[dans if corbeille else ~dans].reset_index(drop=True)


def versions(id_scenario: int, chemin: Path | None = None) -> pd.DataFrame:
    """Toutes les versions d'un scénario, la plus récente d'abord (colonnes de
    `scenario_versions.sql`)."""
    return base_utilisateur.lire("scenario_versions", chemin, id=int(id_scenario))


def lire(
    id_scenario: int, version: int | None = None, chemin: Path | None = None
) -> ScenarioEnregistre:
    """Une version d'un scénario (la courante par défaut), à la corbeille ou non.

    Raises:
        ScenarioIntrouvable: ce scénario ou cette version n'existe pas.
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
    """Met un scénario à la corbeille (il peut être restauré ; rien n'est effacé)."""
    _corbeille(id_scenario, True, chemin)


def restaurer(id_scenario: int, chemin: Path | None = None) -> None:
    """Sort un scénario de la corbeille."""
    _corbeille(id_scenario, False, chemin)
