"""La construction de la base à partir des fichiers livrés : `python -m vigie build`, le premier
démarrage de l'application et son bouton « Reconstruire la base ».

La construction est tout ou rien. Elle écrit une nouvelle base dans un fichier provisoire propre à
cette construction (`integrite.provisoire`), charge chaque fichier par `sql/load/<table>.sql`,
enregistre chacun dans la table `source` (éditeur, millésime, licence, SHA-256, heure d'import),
rejoue les fichiers officiels importés par l'utilisateur et ses territoires
(`vigie.alimentation.importation.rejouer`, gardés dans son dossier), applique les vues de
`sql/views/`, projette la population sous les scénarios standard
(`vigie.alimentation.projections`), lance les contrôles d'intégrité de `sql/checks/`, écrit le
relevé d'empreintes des blocs, et seulement alors renomme le provisoire sur la base précédente. Un
fichier manquant ou mal formé arrête la construction avec un message en français qui le nomme, et la
base précédente reste telle quelle.

Une seule écriture à la fois par dossier de données (`vigie.stockage.verrou`) : une construction
attend l'import ou la construction en cours (et inversement) au lieu de perdre son travail.
`construire_en_commun` est la porte de l'application : une seule construction par base et par
processus, dans un fil qui n'appartient à aucune session (une session fermée ou rechargée ne
l'interrompt pas) ; chaque session suit son avancement. Chaque construction terminée s'inscrit
dans le journal du dossier (`vigie.journal`).
"""

from __future__ import annotations

import csv
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.projection import ErreurDonnees, ErreurScenario
from vigie import chemins
from vigie.alimentation import importation, projections
from vigie.stockage import (
    base,
    catalogue_services,
    controles,
    disque,
    integrite,
    sources,
    verrou,
    vues,
)

# Fichiers de démonstration dans l'ordre de chargement (les références d'une table avant elle).
FICHIERS_DEMO: list[tuple[str, str]] = [
    ("departements.csv", "departement"),
    ("epci.csv", "epci"),
    ("communes.csv", "commune"),
    ("territoires.csv", "territoire"),
    ("territoire_communes.csv", "territoire_commune"),
    ("communes.geojson", "commune_geo"),
    ("population.parquet", "population"),
    ("naissances.csv", "naissance"),
    ("deces.parquet", "deces"),
    ("equipements.csv", "equipement"),
    ("usage_series.csv", "usage_serie"),
    ("usage_observations.csv", "usage_observation"),
]

# Le registre des services et ses fichiers, chargés dans cet ordre (chacun joint le précédent).
FICHIERS_REFERENCE: list[tuple[str, str]] = [
    (catalogue_services.FICHIER_GROUPES, "groupe_age"),
    (catalogue_services.FICHIER_SERVICES, "service"),
    (catalogue_services.FICHIER_RATIOS, "ratio_demande"),
]
SOURCE_RATIOS = {
    "editeur": "Vigie, d'après DREES, DEPP, CNAF-ONAPE, SDES",
    "titre": "Ratios de demande par service (valeurs nationales publiées, modifiables)",
    "millesime": "2025",
    "licence": "Licence Ouverte / Etalab 2.0",
    "url": "",
}
SOURCES_REFERENCE = {
    "groupe_age": {
        **SOURCE_RATIOS,
        "editeur": "Vigie, d'après les âges de l'Éducation nationale, de la CNAF et de la DREES",
        "titre": "Groupes d'âges des services",
    },
    "service": {
        **SOURCE_RATIOS,
        "editeur": "Vigie, d'après les nomenclatures BPE (INSEE) et FINESS (DREES)",
        "titre": "Registre des services suivis",
    },
    "ratio_demande": SOURCE_RATIOS,
}


class ErreurConstruction(RuntimeError):
    """Une construction qui n'a pas pu aller au bout ; la base précédente est inchangée."""


@dataclass
class Rapport:
    """Ce qu'une construction a produit : lignes par table, vues, durée."""

    chemin: Path
    lignes: dict[str, int] = field(default_factory=dict)
    vues: list[str] = field(default_factory=list)
    duree_s: float = 0.0


def enregistrer_source(
    con: base.Connexion, chemin: Path, meta: dict, annee_cog: int | None = None
) -> int:
    """Ajoute un fichier à la table `source` et rend son identifiant."""
    return sources.enregistrer_fichier(
        con, chemin.name, meta, integrite.empreinte(chemin), annee_cog
    )


def _lire_sources_demo(dossier: Path) -> dict[str, dict]:
    chemin = dossier / "sources.csv"
    if not chemin.is_file():
        raise ErreurConstruction(
            f"Fichier manquant : {chemin}. Il décrit l'origine de chaque fichier de démonstration ;"
            " régénérez le territoire de démonstration avec « python -m vigie.demo.generator »."
        )
    with open(chemin, encoding="utf-8", newline="") as f:
        return {ligne["fichier"]: ligne for ligne in csv.DictReader(f, delimiter=";")}


def _charger_geojson(con: base.Connexion, chemin: Path, id_source: int) -> None:
    """Une géométrie par commune, en texte GeoJSON (FeatureCollection ou Feature seule)."""
    try:
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as erreur:
        raise ErreurConstruction(f"{chemin.name} : GeoJSON illisible ({erreur}).") from erreur
    entites = donnees["features"] if donnees.get("type") == "FeatureCollection" else [donnees]
    lignes = []
    for numero, entite in enumerate(entites, start=1):
        proprietes = entite.get("properties") or {}
        code = proprietes.get("code_commune") or proprietes.get("code")
        if not code or not entite.get("geometry"):
            raise ErreurConstruction(
                f"{chemin.name} : l'entité n° {numero} n'a pas de propriété code_commune "
                "ou pas de géométrie."
            )
        lignes.append(
            {
                "code_commune": str(code),
                "geometrie": json.dumps(entite["geometry"], separators=(",", ":")),
                "id_source": id_source,
            }
        )
    con.executemany(base.texte_sql("construction/commune_geo_inserer"), lignes)


def charger_fichier(con: base.Connexion, chemin: Path, table: str, id_source: int) -> None:
    """Charge un fichier dans sa table par `sql/load/<table>.sql`."""
    if table == "commune_geo":
        _charger_geojson(con, chemin, id_source)
        return
    base.executer(con, f"load/{table}", fichier=str(chemin), id_source=id_source)


def construire(
    chemin: Path | None = None,
    dossier_demo: Path | None = None,
    progression: Callable[[str, float], None] | None = None,
    rejouer_imports: bool = True,
    projeter: bool = True,
    attente: Callable[[verrou.Occupant], None] | None = None,
) -> Rapport:
    """Construit la base depuis le schéma et les fichiers livrés, d'un seul coup.

    Args:
        chemin: la base à écrire (défaut : `data/vigie.duckdb` ou `$VIGIE_BASE`).
        dossier_demo: le dossier des fichiers du territoire de démonstration (défaut `data/demo`).
        progression: appelée avec un message en français et une fraction de [0, 1] à chaque étape.
        rejouer_imports: écrire aussi les fichiers importés par l'utilisateur et ses territoires
            (gardés dans `data/utilisateur/imports/` et la base de l'utilisateur) ; False
            construit la démonstration seule.
        projeter: projeter la population sous les scénarios standard (False : données, vues et
            contrôles seulement — pour une base nationale dont les projections tournent en lot
            par blocs, `models.projection.lot`).
        attente: appelée tant qu'une autre écriture du même dossier (import, construction) tient
            le verrou, avec ce qu'elle fait.

    Raises:
        ErreurConstruction: un fichier manque ou est mal formé, un contrôle échoue ; le message
            nomme le fichier et la base précédente n'est pas touchée.
        verrou.EcritureOccupee: le dossier est resté en cours d'écriture trop longtemps.
        disque.DisquePlein: le disque est plein ; le provisoire est effacé, la base précédente
            est intacte.
    """
    cible = Path(chemin or chemins.chemin_base())
    with (
        disque.ecriture("construction de la base", cible.parent),
        verrou.ecriture(cible, "construction de la base", attente=attente),
    ):
        return _construire(
            cible,
            Path(dossier_demo or chemins.DOSSIER_DEMO),
            progression,
            rejouer_imports,
            projeter,
        )


def _construire(
    cible: Path,
    dossier: Path,
    progression: Callable[[str, float], None] | None,
    rejouer_imports: bool,
    projeter: bool,
) -> Rapport:
    debut = time.perf_counter()
    # Ce qu'une construction, un import ou un lot tué avant son renommage a laissé : sous le
    # verrou, aucun autre écrivain de ce dossier n'est en cours.
    integrite.nettoyer_provisoires(cible)
    provisoire = integrite.provisoire(cible)

    def signaler(message: str, fraction: float) -> None:
        verrou.signaler(cible, message, fraction)
        if progression:
            progression(message, fraction)

    rapport = Rapport(chemin=cible)
    try:
        con = base.ouvrir(provisoire)
        try:
            _remplir(con, dossier, signaler, rejouer_imports, projeter, rapport)
            base.executer(con, "construction/terminer")
        finally:
            con.close()
        integrite.ecrire_releve(provisoire)
        integrite.remplacer(provisoire, cible)
    finally:
        integrite.liberer(provisoire)
    rapport.duree_s = time.perf_counter() - debut
    verrou.inscrire_au_journal(cible, f"construction terminée en {rapport.duree_s:.1f} s")
    return rapport


def _remplir(
    con: base.Connexion,
    dossier: Path,
    signaler: Callable[[str, float], None],
    rejouer_imports: bool,
    projeter: bool,
    rapport: Rapport,
) -> None:
    signaler("Création des tables", 0.0)
    for nom_schema in base.noms_sql("schema"):
        try:
            base.executer(con, nom_schema)
        except base.ErreurBase as erreur:
            raise ErreurConstruction(
                f"sql/{nom_schema}.sql : schéma invalide. {str(erreur).splitlines()[0]}"
            ) from erreur

    sources_demo = _lire_sources_demo(dossier)
    etapes = len(FICHIERS_DEMO) + 1
    for rang, (nom, table) in enumerate(FICHIERS_DEMO, start=1):
        fichier = dossier / nom
        signaler(f"Chargement de {nom}", rang / (etapes + 2))
        if not fichier.is_file():
            raise ErreurConstruction(
                f"Fichier manquant : {fichier}. Régénérez le territoire de démonstration avec "
                "« python -m vigie.demo.generator » ou restaurez-le depuis le dépôt."
            )
        meta = sources_demo.get(nom)
        if meta is None:
            raise ErreurConstruction(
                f"{dossier / 'sources.csv'} : aucune ligne ne décrit le fichier {nom} "
                "(éditeur, millésime, licence). Ajoutez-la."
            )
        try:
            id_source = enregistrer_source(con, fichier, meta)
            charger_fichier(con, fichier, table, id_source)
        except base.ErreurBase as erreur:
            raise ErreurConstruction(
                f"{fichier} : lecture impossible pour la table {table}. "
                f"{str(erreur).splitlines()[0]} Vérifiez le séparateur « ; », l'en-tête et les "
                "types des colonnes."
            ) from erreur

    signaler("Registre des services et ratios de demande", (etapes) / (etapes + 2))
    dossier_reference = chemins.dossier_reference()
    try:
        catalogue_services.charger(dossier_reference)
    except catalogue_services.ErreurCatalogue as erreur:
        raise ErreurConstruction(str(erreur)) from erreur
    for nom, table in FICHIERS_REFERENCE:
        fichier = dossier_reference / nom
        try:
            id_source = enregistrer_source(con, fichier, SOURCES_REFERENCE[table])
            charger_fichier(con, fichier, table, id_source)
        except (base.ErreurBase, FileNotFoundError) as erreur:
            raise ErreurConstruction(
                f"{fichier} : lecture impossible. {str(erreur).splitlines()[0]}"
            ) from erreur

    signaler("Fiabilité mesurée des projections", etapes / (etapes + 2))
    try:
        projections.charger_fiabilite(con, lambda f, meta: enregistrer_source(con, f, meta))
    except (base.ErreurBase, ValueError) as erreur:
        raise ErreurConstruction(f"Fiabilité des projections : {erreur}") from erreur

    if rejouer_imports:
        signaler("Fichiers importés et territoires de l'utilisateur", etapes / (etapes + 2))
        try:
            importation.rejouer(con)
        except importation.ErreurImport as erreur:
            raise ErreurConstruction(
                f"Import conservé impossible à rejouer : {erreur.message}"
            ) from erreur

    signaler("Création des vues", (etapes + 1) / (etapes + 2))
    creees, erreurs = vues.appliquer_vues(con)
    if erreurs:
        raise ErreurConstruction("Vues SQL en erreur :\n" + "\n".join(f"  - {e}" for e in erreurs))
    rapport.vues = [v.nom for v in creees]

    if projeter:
        signaler("Projections de population", (etapes + 1.5) / (etapes + 2))
        try:
            projections.calculer_projections(
                con, lambda m: signaler(m, (etapes + 1.5) / (etapes + 2))
            )
        except (ErreurDonnees, ErreurScenario, ValueError) as erreur:
            raise ErreurConstruction(f"Projection de population impossible : {erreur}") from erreur

    signaler("Contrôles d'intégrité", 1.0)
    problemes = controles.executer(con)
    if problemes:
        raise ErreurConstruction(
            "Contrôles d'intégrité en échec :\n" + "\n".join(f"  - {p}" for p in problemes)
        )
    rapport.lignes = {
        nom: int(lignes)
        for nom, lignes in base.executer(con, "construction/lignes_par_table").fetchall()
    }


# --- La construction partagée de l'application ------------------------------------------------


@dataclass
class Suivi:
    """L'avancement d'une construction lancée par `construire_en_commun`, lu par les sessions."""

    message: str = "En attente du verrou d'écriture"
    fraction: float = 0.0
    erreur: str | None = None
    construite: bool = False  # False : la base était déjà là (construite par un autre)
    termine: threading.Event = field(default_factory=threading.Event)

    @property
    def fini(self) -> bool:
        return self.termine.is_set()


_SUIVIS: dict[str, Suivi] = {}
_VERROU_SUIVIS = threading.Lock()


def _signature(cible: Path) -> tuple[int, int] | None:
    try:
        etat = cible.stat()
    except FileNotFoundError:
        return None
    return (etat.st_ino, etat.st_mtime_ns)


def signature(chemin: Path | None = None) -> tuple[int, int] | None:
    """Ce qui identifie la version de la base sur le disque (None : pas de base) ; à passer à
    `construire_en_commun(reconstruire_si=...)`."""
    return _signature(Path(chemin or chemins.chemin_base()))


def construire_en_commun(
    chemin: Path | None = None, reconstruire_si: tuple[int, int] | None = None
) -> Suivi:
    """Lance (ou rejoint) la construction de la base de ce processus, dans un fil à part.

    Sans `reconstruire_si`, construit la base si elle est absente une fois le verrou pris (une
    autre session ou un autre serveur a pu la construire pendant l'attente). Avec
    `reconstruire_si` (la `signature` de la base vue endommagée), la reconstruit si elle n'a pas
    changé depuis : deux sessions qui cliquent « Reconstruire » ne font qu'une reconstruction.
    Les sessions suivent le `Suivi` rendu ; le fil ne dépend d'aucune d'elles.
    """
    cible = Path(chemin or chemins.chemin_base())
    cle = str(cible.resolve())
    with _VERROU_SUIVIS:
        suivi = _SUIVIS.get(cle)
        if suivi is not None and not suivi.fini:
            return suivi
        suivi = _SUIVIS[cle] = Suivi()

    def avancer(message: str, fraction: float) -> None:
        suivi.message, suivi.fraction = message, min(max(fraction, 0.0), 1.0)

    def attendre(qui: verrou.Occupant) -> None:
        avancer(qui.phrase(), qui.fraction)

    def travailler() -> None:
        try:
            with verrou.ecriture(cible, "construction de la base", attente=attendre):
                a_faire = (
                    not cible.exists()
                    if reconstruire_si is None
                    else _signature(cible) in (None, reconstruire_si)
                )
                if a_faire:
                    construire(cible, progression=avancer)
                    suivi.construite = True
                avancer("Base prête", 1.0)
        except (ErreurConstruction, verrou.EcritureOccupee, disque.DisquePlein) as erreur:
            suivi.erreur = str(erreur)
        except Exception as erreur:  # noqa: BLE001 — montré à l'utilisateur, jamais perdu
            suivi.erreur = f"Construction interrompue : {type(erreur).__name__} : {erreur}"
        finally:
            suivi.termine.set()

    # Pas un fil « démon » : un serveur qu'on arrête laisse finir (ou échouer proprement) la
    # construction au lieu de la couper au milieu d'une écriture.
    threading.Thread(target=travailler, name="vigie-construction", daemon=False).start()
    return suivi
