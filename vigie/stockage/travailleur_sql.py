"""Le processus qui exécute les requêtes libres de l'explorateur SQL, une à la fois.

Pourquoi un processus à part plutôt qu'un fil : certaines fonctions de DuckDB ignorent
l'interruption (`levenshtein` sur des textes de 100 000 caractères, `list_sort` sur des dizaines de
millions d'éléments) et d'autres dépassent la mémoire permise par le moteur. Un fil ne se tue pas ;
un processus, si. Le processus parent (`bac_a_sable.BacASable`) mesure le temps et la mémoire du
travailleur et le tue au-delà des bornes ; le suivant repart de zéro.

Défense en profondeur, au niveau du moteur lui-même (même si le contrôle du texte était contourné) :

- les alias des tables et les vues des chargés d'études sont écrits dans un **fichier de vues** à
  part, reconstruit quand les fichiers de `sql/views/` changent, puis ATTACHé **en lecture seule**
  (`vues`, base par défaut) à côté de la base construite, elle aussi en lecture seule (`base`) :
  `create or replace view commune ...` est refusé par DuckDB ;
- **une connexion neuve par requête** : ce qu'une requête pourrait changer dans sa propre
  connexion (un `detach`, une table temporaire) disparaît avec elle ;
- accès extérieur coupé et configuration verrouillée avant la requête ; débordement sur disque dans
  le dossier de travail provisoire du bac, borné en taille.

Le résultat est lu par lots Arrow et borné en lignes **et en octets** ; il revient au parent
sérialisé en flux IPC Arrow.

Protocole (entrée et sortie standard, trames `longueur sur 8 octets + pickle`) : le parent envoie
`("objets", {})` ou `("requete", {...})` ; le travailleur répond `("ok", valeur)` ou
`("refus", (message, ligne, colonne, interrompue))`. Le contenu vient toujours de Vigie lui-même.
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

import duckdb
import pyarrow as pa

from vigie import chemins
from vigie.stockage import base, erreurs_sql, lecture, vues

ENTETE = struct.Struct(">Q")

# Réglages fixés à l'ouverture de chaque connexion de requête : ils ne changent plus ensuite.
CONFIGURATION = {
    "allow_unsigned_extensions": False,
    "allow_community_extensions": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "python_enable_replacements": False,
    "python_scan_all_frames": False,
}


def ecrire_trame(flux, objet) -> None:
    """Écrit un objet picklé précédé de sa longueur (8 octets, gros-boutiste)."""
    donnees = pickle.dumps(objet, protocol=pickle.HIGHEST_PROTOCOL)
    flux.write(ENTETE.pack(len(donnees)))
    flux.write(donnees)
    flux.flush()


def lire_trame(flux):
    """Lit une trame écrite par `ecrire_trame` ; `None` quand le flux est fermé."""
    entete = flux.read(ENTETE.size)
    if len(entete) < ENTETE.size:
        return None
    (longueur,) = ENTETE.unpack(entete)
    return pickle.loads(flux.read(longueur))


class Refus(Exception):
    """Une requête refusée ou arrêtée par le travailleur, avec sa position quand elle est connue."""

    def __init__(self, message: str, ligne=None, colonne=None, interrompue: bool = False):
        super().__init__(message)
        self.message, self.ligne, self.colonne, self.interrompue = (
            message,
            ligne,
            colonne,
            interrompue,
        )


class Travailleur:
    """L'état du processus : la base, le fichier de vues à jour et les bornes de chaque requête."""

    def __init__(
        self,
        chemin_base: str,
        dossier_vues: str,
        dossier_travail: str,
        memoire: str,
        fils: int,
        debord_max: str,
    ):
        self.chemin_base = chemin_base
        self.dossier_vues = Path(dossier_vues)
        self.dossier_travail = Path(dossier_travail)
        self.memoire, self.fils, self.debord_max = memoire, fils, debord_max
        self.signature: tuple | None = None
        self.fichier_vues: Path | None = None
        self.erreurs_vues: list = []
        self.generation = 0

    def pret(self) -> bool:
        """Première demande d'un processus neuf : imports faits et fichier de vues construit."""
        self.actualiser()
        return True

    # -- le fichier de vues --------------------------------------------------------------------

    def actualiser(self) -> None:
        """Reconstruit le fichier de vues quand un fichier de `sql/views/` a changé."""
        signature = lecture.signature_vues(self.dossier_vues)
        if signature == self.signature and self.fichier_vues is not None:
            return
        self.generation += 1
        # Un nom propre à ce processus : celui d'un travailleur tué peut rester dans le dossier.
        fichier = self.dossier_travail / f"vues-{os.getpid()}-{self.generation}.duckdb"
        fichier.unlink(missing_ok=True)
        con = duckdb.connect(str(fichier))
        try:
            base.executer(con, "queries/catalogue_attacher_base", chemin=self.chemin_base)
            tables = [
                nom for (nom,) in base.executer(con, "queries/catalogue_tables_de_base").fetchall()
            ]
            for nom in tables:  # noms tirés du catalogue de la base elle-même
                con.execute(f'create view main."{nom}" as select * from base.main."{nom}"')
            _, self.erreurs_vues = vues.appliquer_vues(con, self.dossier_vues)
            con.execute("detach base")
        finally:
            con.close()
        ancien, self.fichier_vues, self.signature = self.fichier_vues, fichier, signature
        if ancien is not None:
            ancien.unlink(missing_ok=True)

    def connexion(self) -> duckdb.DuckDBPyConnection:
        """Une connexion neuve, en lecture seule sur la base et les vues, verrouillée."""
        self.actualiser()
        configuration = dict(
            CONFIGURATION,
            memory_limit=self.memoire,
            threads=self.fils,
            temp_directory=str(self.dossier_travail / "debord"),
            max_temp_directory_size=self.debord_max,
        )
        con = duckdb.connect(":memory:", config=configuration)
        base.executer(con, "queries/catalogue_attacher_base", chemin=self.chemin_base)
        base.executer(con, "queries/catalogue_attacher_vues", chemin=str(self.fichier_vues))
        con.execute("use vues")
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
        return con

    # -- les demandes ----------------------------------------------------------------------------

    def objets(self) -> dict:
        con = self.connexion()
        try:
            noms = [
                nom
                for (nom,) in base.executer(
                    con, "queries/catalogue_vues_vivantes", base="vues"
                ).fetchall()
            ]
        finally:
            con.close()
        return {"objets": noms, "erreurs_vues": self.erreurs_vues}

    def requete(self, sql: str, limite_lignes: int, octets_max: int) -> dict:
        """Exécute `sql` (déjà contrôlé par le parent) ; rend le flux IPC et ce qui a été coupé."""
        con = self.connexion()
        debut = time.perf_counter()
        try:
            relation = con.sql(sql)
            if relation is None:  # une instruction sans résultat (seulement hors contrôle de texte)
                return {"ipc": _ipc(pa.table({})), "tronque": None, "duree_s": 0.0}
            lecteur = relation.limit(limite_lignes + 1).fetch_arrow_reader(1024)
            lots, lignes, octets, tronque = [], 0, 0, None
            for lot in lecteur:
                if lignes + lot.num_rows > limite_lignes:
                    lot = lot.slice(0, limite_lignes - lignes)
                    tronque = "lignes"
                if octets + lot.nbytes > octets_max:
                    # Garder les premières lignes du lot qui tiennent encore dans la borne.
                    par_ligne = lot.nbytes / max(lot.num_rows, 1)
                    lot = lot.slice(0, int((octets_max - octets) // max(par_ligne, 1)))
                    tronque = "octets"
                lots.append(lot)
                lignes += lot.num_rows
                octets += lot.nbytes
                if tronque:
                    break
            table = pa.Table.from_batches(lots, schema=lecteur.schema)
            return {"ipc": _ipc(table), "tronque": tronque, "duree_s": time.perf_counter() - debut}
        except duckdb.Error as erreur:
            raise _refus(_avec_position(con, erreur, sql), sql, self.memoire) from None
        finally:
            con.close()


def _ipc(table: pa.Table) -> bytes:
    puits = pa.BufferOutputStream()
    with pa.ipc.new_stream(puits, table.schema) as ecrivain:
        ecrivain.write_table(table)
    return puits.getvalue().to_pybytes()


def _avec_position(con, erreur: BaseException, requete: str) -> BaseException:
    """La même erreur avec le contexte `LINE n:` de DuckDB, que l'API des relations omet.

    Seulement pour les erreurs de liaison (colonne, table, fonction inconnues), avant toute ligne
    lue : l'instruction est relancée comme requête simple, qui échoue aussitôt avec la position ;
    elle tourne ici, dans le travailleur, sous la même borne de temps que la première.
    """
    if not isinstance(erreur, duckdb.BinderException | duckdb.CatalogException):
        return erreur
    if "LINE " in str(erreur):
        return erreur
    try:
        con.execute(requete)
    except duckdb.Error as precise:
        return precise
    return erreur


def _refus(erreur: BaseException, requete: str, memoire: str) -> Refus:
    message = str(erreur)
    if isinstance(erreur, duckdb.InterruptException):
        return Refus("La requête a été interrompue.", interrompue=True)
    if isinstance(erreur, duckdb.PermissionException):
        return Refus(
            "accès refusé : l'explorateur ne lit que les tables et les vues de Vigie "
            "(ni fichiers, ni réseau, ni extensions, ni réglages)"
        )
    if isinstance(erreur, duckdb.OutOfMemoryException) or "Out of Memory" in message:
        return Refus(
            f"la requête demande plus de mémoire que permis ({memoire}) : filtrez ou "
            "regroupez davantage"
        )
    if "read-only mode" in message or "read only" in message.lower():
        return Refus(
            "l'explorateur ne fait que lire : la base et les vues sont ouvertes en lecture seule "
            "(pour ajouter une vue, déposez un fichier dans sql/views/)"
        )
    position = erreurs_sql.localiser(message, requete, 1, 1)
    return Refus(position.message, position.ligne, position.colonne)


# -- côté parent ---------------------------------------------------------------------------------


class Depassement(Exception):
    """Le travailleur a été arrêté : `cause` vaut "temps", "memoire" ou "arret"."""

    def __init__(self, cause: str):
        super().__init__(cause)
        self.cause = cause


def memoire_residente(pid: int) -> int | None:
    """Mémoire résidente d'un processus en octets (Linux : /proc ; ailleurs `None`)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as statut:
            for ligne in statut:
                if ligne.startswith("VmRSS:"):
                    return int(ligne.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


_VIVANTS: set[Processus] = set()


@atexit.register
def _arreter_tous() -> None:
    """Aucun travailleur ne survit à l'application (ni à une session de tests)."""
    for processus in list(_VIVANTS):
        processus.arreter()


class Processus:
    """Le travailleur vu du parent : démarré à la création, une demande à la fois, tué au besoin.

    Il s'arrête aussi de lui-même quand le parent disparaît (son entrée standard se ferme).
    """

    PAS_S = 0.05  # fréquence des mesures de mémoire pendant l'attente

    def __init__(self, reglages: dict, journal: Path):
        environnement = dict(os.environ, PYTHONPATH=str(chemins.RACINE))
        with open(journal, "ab") as erreurs:
            self._enfant = subprocess.Popen(
                [sys.executable, "-m", "vigie.stockage.travailleur_sql"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=erreurs,
                cwd=str(chemins.RACINE),
                env=environnement,
            )
        _VIVANTS.add(self)
        self._reponses: queue.Queue = queue.Queue()
        threading.Thread(target=self._lire, name="vigie-explorateur-lecture", daemon=True).start()
        ecrire_trame(self._enfant.stdin, reglages)

    def _lire(self) -> None:
        try:
            while (reponse := lire_trame(self._enfant.stdout)) is not None:
                self._reponses.put(reponse)
        except (OSError, EOFError, pickle.UnpicklingError):
            pass
        self._reponses.put(None)  # le travailleur s'est arrêté

    def vivant(self) -> bool:
        return self._enfant.poll() is None

    def demander(self, demande: tuple, delai_s: float, memoire_max: int):
        """Envoie une demande et attend la réponse ; tue le travailleur au-delà des bornes."""
        try:
            ecrire_trame(self._enfant.stdin, demande)
        except OSError:
            self.arreter()
            raise Depassement("arret") from None
        limite = time.monotonic() + delai_s
        while True:
            try:
                reponse = self._reponses.get(timeout=self.PAS_S)
            except queue.Empty:
                if time.monotonic() > limite:
                    self.arreter()
                    raise Depassement("temps") from None
                rss = memoire_residente(self._enfant.pid)
                if rss is not None and rss > memoire_max:
                    self.arreter()
                    raise Depassement("memoire") from None
                continue
            if reponse is None:
                self.arreter()
                raise Depassement("arret")
            return reponse

    def arreter(self) -> None:
        """Tue le travailleur (il ne tient que des connexions en lecture seule)."""
        _VIVANTS.discard(self)
        if self._enfant.poll() is None:
            self._enfant.kill()
        try:
            self._enfant.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for flux in (self._enfant.stdin, self._enfant.stdout):
            try:
                flux.close()
            except OSError:
                pass


# -- côté travailleur ------------------------------------------------------------------------------


def principal() -> None:
    """Boucle du travailleur : une demande, une réponse, jusqu'à la fermeture de l'entrée."""
    entree, sortie = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # rien d'autre que les trames sur la sortie standard
    reglages = lire_trame(entree)
    travailleur = Travailleur(**reglages)
    while (demande := lire_trame(entree)) is not None:
        genre, parametres = demande
        try:
            reponse = ("ok", getattr(travailleur, genre)(**parametres))
        except Refus as refus:
            reponse = ("refus", (refus.message, refus.ligne, refus.colonne, refus.interrompue))
        except Exception as erreur:  # noqa: BLE001 (toute panne devient un refus en français)
            traceback.print_exc()  # dans le journal du bac, pour qui cherche la cause
            reponse = (
                "refus",
                (f"la requête a échoué ({type(erreur).__name__})", None, None, False),
            )
        ecrire_trame(sortie, reponse)


if __name__ == "__main__":
    principal()
