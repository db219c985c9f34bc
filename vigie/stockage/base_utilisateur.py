"""La base de l'utilisateur, par sa seule porte : ce qu'il crée (ratios modifiés, méthodes
choisies, scénarios, territoires) et garde.

C'est un petit fichier DuckDB à part de la base construite (`chemins.chemin_base_utilisateur()`) :
`python -m vigie build` ne l'ouvre jamais, une reconstruction garde donc chaque réglage. Ses
tables sont celles de `sql/utilisateur/schema.sql`, ses instructions les autres fichiers de
`sql/utilisateur/` ; tous les modules (`vigie.reglages.*`) passent par ici, jamais par
`duckdb.connect` (les territoires l'ouvraient eux-mêmes, avec leur propre schéma : une session qui
listait les territoires faisait échouer l'enregistrement d'un scénario d'une autre session,
20 fois sur 20, issue 16).

DuckDB laisse un seul processus écrire un fichier à la fois, et refuse dans un même processus
deux connexions au même fichier avec des réglages différents (lecture seule ou non : « Can't open
a connection to same database file with a different configuration »). D'où trois règles :

- une seule configuration par usage : `read_only=True` pour lire, `False` pour écrire, rien
  d'autre ;
- dans un processus (les sessions de l'application sont des fils), les ouvertures se font chacune
  à son tour, sous un verrou ; le fichier n'est ouvert que le temps d'une lecture ou d'un
  enregistrement ;
- entre processus (une autre fenêtre de Vigie, une commande), une ouverture qui trouve le fichier
  pris est retentée (attentes au hasard, pour que deux programmes qui réessaient ne se
  recroisent pas au même pas) pendant une dizaine de secondes, puis abandonnée avec un message en
  français.

Lire un fichier qui n'existe pas encore rend des tables vides (une lecture ne crée rien).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from vigie import chemins
from vigie.stockage import base, disque

DOSSIER_SQL_UTILISATEUR = chemins.DOSSIER_SQL / "utilisateur"
TENTATIVES = 60
ATTENTE_S = 0.15  # attente moyenne entre deux essais (au hasard, 0,5 à 1,5 ×) : 9 s au plus
_VERROU_PROCESSUS = threading.RLock()
_TAILLE_EN_TETE = 3 * 4096  # l'en-tête d'un fichier DuckDB : plus court, le fichier est vide


class BaseUtilisateurOccupee(RuntimeError):
    """La base de l'utilisateur est restée prise par un autre programme ; rien n'a été écrit."""


@cache
def texte(nom: str) -> str:
    """Le texte SQL de `sql/utilisateur/<nom>.sql` (les noms viennent du code, pas de
    l'utilisateur)."""
    chemin = DOSSIER_SQL_UTILISATEUR / f"{nom}.sql"
    if not chemin.is_file():
        raise KeyError(f"Instruction inconnue : {nom} (attendue dans {chemin})")
    return chemin.read_text(encoding="utf-8")


def _verrouillee(erreur: duckdb.Error) -> bool:
    """Une erreur d'ouverture passagère : le fichier est pris par un autre processus, ou ouvert
    dans ce processus-ci avec l'autre configuration par un code qui ne passe pas par cette porte
    (un banc d'essai, un outil) — dans les deux cas, réessayer un peu plus tard réussit."""
    message = str(erreur).lower()
    return (
        "lock" in message
        or "verrou" in message
        or "being used" in message
        or "different configuration" in message
    )


@contextmanager
def ouvrir(
    ecriture: bool = False, chemin: Path | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Une connexion à la base de l'utilisateur le temps d'une opération, fermée à la fin.

    Pour écrire, le fichier (et son dossier) est créé s'il manque, le schéma appliqué, et tout le
    bloc tient en une transaction (tout ou rien). Pour lire, un fichier absent donne une base en
    mémoire vide avec les mêmes tables.

    Raises:
        BaseUtilisateurOccupee: le fichier est resté pris par un autre processus ~9 s.
        disque.DisquePlein: le disque est plein ; la transaction est annulée, les réglages
            déjà enregistrés sont intacts.
    """
    dossier = Path(chemin or chemins.chemin_base_utilisateur()).parent
    with _VERROU_PROCESSUS:
        if not ecriture:
            with _ouvrir(ecriture, chemin) as con:
                yield con
            return
        with (
            disque.ecriture("enregistrement de vos réglages", dossier, disque.REGLAGES_INTACTS),
            _ouvrir(ecriture, chemin) as con,
        ):
            yield con


@contextmanager
def _ouvrir(ecriture: bool, chemin: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    chemin = Path(chemin or chemins.chemin_base_utilisateur())
    if not ecriture and not chemin.exists():
        con = duckdb.connect()
        try:
            con.execute(texte("schema"))
            yield con
        finally:
            con.close()
        return
    if ecriture:
        chemin.parent.mkdir(parents=True, exist_ok=True)
    nouveau = ecriture and not chemin.exists()
    try:
        with _connecter(chemin, ecriture) as con:
            yield con
    except BaseException:
        if nouveau:
            _effacer_s_il_est_incomplet(chemin)
        raise


def _effacer_s_il_est_incomplet(chemin: Path) -> None:
    """Un premier enregistrement arrêté par un disque plein laissait un fichier vide ou tronqué que
    DuckDB refusait ensuite d'ouvrir (« not a valid DuckDB database file ») : chaque page des
    réglages échouait, même une fois la place libérée. Plus court que l'en-tête de DuckDB (trois
    blocs de 4 Kio), il ne contient rien : on l'efface, avec son journal."""
    try:
        if chemin.stat().st_size < _TAILLE_EN_TETE:
            chemin.unlink()
            chemin.with_name(chemin.name + ".wal").unlink(missing_ok=True)
    except FileNotFoundError:
        pass


@contextmanager
def _connecter(chemin: Path, ecriture: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    derniere: duckdb.Error | None = None
    for _ in range(TENTATIVES):
        try:
            con = duckdb.connect(str(chemin), read_only=not ecriture)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as erreur:
            if not _verrouillee(erreur):
                raise
            derniere = erreur
            time.sleep(ATTENTE_S * random.uniform(0.5, 1.5))
    else:
        raise BaseUtilisateurOccupee(
            f"La base de vos réglages ({chemin}) est restée occupée pendant une dizaine de "
            "secondes (un autre serveur Vigie ouvert sur le même dossier, ou une commande "
            "« python -m vigie » en cours). Réessayez dans un moment ; rien n'a été enregistré. "
            f"Détail : {str(derniere).splitlines()[0]}"
        )
    try:
        if ecriture:
            con.execute(texte("schema"))
            con.execute("begin transaction")
            try:
                yield con
            except BaseException:
                try:
                    con.execute("rollback")
                except duckdb.Error:
                    pass  # transaction déjà perdue (disque plein) : l'erreur d'origine compte
                raise
            con.execute("commit")
        else:
            yield con
    finally:
        con.close()


def lire(nom: str, chemin: Path | None = None, **parametres) -> pd.DataFrame:
    """Lance l'instruction de lecture `sql/utilisateur/<nom>.sql` et rend ses lignes.

    Un fichier écrit par une version antérieure de Vigie peut manquer d'une table ajoutée depuis :
    il est alors mis à jour (le schéma n'ajoute que les tables manquantes) et la lecture refaite.
    """
    try:
        with ouvrir(ecriture=False, chemin=chemin) as con:
            return con.execute(texte(nom), parametres or None).df()
    except duckdb.CatalogException:
        with ouvrir(ecriture=True, chemin=chemin):
            pass
        with ouvrir(ecriture=False, chemin=chemin) as con:
            return con.execute(texte(nom), parametres or None).df()


def lire_avec_base(
    nom: str, chemin_base: Path, chemin: Path | None = None, **parametres
) -> pd.DataFrame:
    """Lance la requête nommée `sql/queries/<nom>.sql` qui lit à la fois la base de l'utilisateur
    (ses tables, sans préfixe) et la base construite `chemin_base`, attachée en lecture seule sous
    le nom `base` le temps de la lecture (le catalogue des scénarios : standard et enregistrés en
    une seule requête, dans un seul ordre).

    Deux connexions en lecture seule au même fichier construit (celle-ci et celle du catalogue de
    l'application) ont la même configuration : DuckDB les accepte ensemble.
    """
    requete = base.texte_requete(nom)

    def _lire() -> pd.DataFrame:
        with ouvrir(ecriture=False, chemin=chemin) as con:
            base.executer(con, "queries/catalogue_attacher_base", chemin=str(chemin_base))
            return con.execute(requete, parametres or None).df()

    try:
        return _lire()
    except duckdb.CatalogException:
        with ouvrir(ecriture=True, chemin=chemin):
            pass  # un fichier d'une version antérieure : le schéma ajoute les tables manquantes
        return _lire()


def version(chemin: Path | None = None) -> int:
    """Change quand la base de l'utilisateur est écrite (sa date de modification ; 0 si absente)."""
    chemin = Path(chemin or chemins.chemin_base_utilisateur())
    try:
        return chemin.stat().st_mtime_ns
    except FileNotFoundError:
        return 0
