"""Un seul écrivain à la fois par dossier de données : le verrou que prennent la construction, l'import,
l'enregistrement d'un territoire, le lot de prévisions et le bouton « Reconstruire la base ».

DuckDB admet un seul processus écrivain par fichier, mais Vigie écrit ses bases dans un fichier
provisoire renommé à la fin : deux écrivains ne se bloquent donc pas l'un l'autre, et le dernier
renommage efface le travail du premier (une construction et un import lancés ensemble perdaient
l'import, issue 16). Ce module sérialise ces écrivains par un verrou de fichier
(`<dossier>/vigie.verrou`, bibliothèque `filelock` : `flock` sous Linux et macOS, `LockFileEx` sous
Windows), que le système relâche de lui-même quand le processus meurt (un `kill -9` ne laisse
jamais un verrou orphelin).

Le verrou vaut pour les processus (deux serveurs, une commande et l'application) comme pour les
fils d'exécution d'un même processus (les sessions Streamlit d'un serveur) ; un même fil peut le
reprendre sans s'attendre lui-même (une construction qui rejoue les territoires, par exemple).
Celui qui le tient décrit ce qu'il fait dans `<dossier>/vigie.verrou.json` (quoi, processus,
étape, avancement) : ceux qui attendent l'affichent (« Construction de la base en cours dans un
autre programme : Chargement de population.parquet, 40 % »).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from vigie.format_fr import pourcentage

NOM_VERROU = "vigie.verrou"
ATTENTE_MAX_S = 4 * 3600.0  # une construction nationale dure moins ; au-delà, on renonce
_SCRUTATION_S = 0.5  # intervalle entre deux nouvelles de l'attente


class EcritureOccupee(RuntimeError):
    """Le verrou d'écriture est resté pris plus longtemps que l'attente permise ; rien n'a été écrit."""


@dataclass(frozen=True)
class Occupant:
    """Ce que fait celui qui tient le verrou (lu dans `vigie.verrou.json`)."""

    quoi: str
    pid: int
    message: str = ""
    fraction: float = 0.0

    def phrase(self) -> str:
        """Une phrase pour ceux qui attendent."""
        ici = "dans cette application" if self.pid == os.getpid() else "dans un autre programme"
        etape = f" : {self.message}" if self.message else ""
        avance = pourcentage(self.fraction, decimales=0)
        return f"{self.quoi[:1].upper()}{self.quoi[1:]} en cours {ici}{etape} ({avance})."


def chemin_verrou(cible: Path) -> Path:
    """Le fichier de verrou du dossier de données de `cible` (la base construite)."""
    return Path(cible).resolve().parent / NOM_VERROU


def _chemin_etat(cible: Path) -> Path:
    return chemin_verrou(cible).with_name(NOM_VERROU + ".json")


def _verrou(cible: Path) -> FileLock:
    # Une instance par fichier (is_singleton) dont l'état est propre à chaque fil (thread_local,
    # le défaut) : deux sessions d'un serveur s'excluent, un même fil peut reprendre le verrou.
    return FileLock(chemin_verrou(cible), is_singleton=True)


_DETENTEURS = threading.local()  # par fil : {chemin du verrou: rang d'imbrication}


def occupant(cible: Path) -> Occupant | None:
    """Ce que fait le détenteur du verrou, ou None si personne ne le tient."""
    if not est_pris(cible):
        return None
    try:
        etat = json.loads(_chemin_etat(cible).read_text(encoding="utf-8"))
        return Occupant(
            str(etat["quoi"]), int(etat["pid"]), str(etat["message"]), float(etat["fraction"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Occupant("une écriture", 0)


def est_pris(cible: Path) -> bool:
    """Si un autre (processus ou fil) tient le verrou en ce moment."""
    chemin = chemin_verrou(cible)
    if not chemin.exists():
        return False
    if getattr(_DETENTEURS, "rangs", {}).get(str(chemin)):
        return False  # c'est nous
    essai = FileLock(chemin, thread_local=False)  # une instance à part : ne touche pas au nôtre
    try:
        essai.acquire(timeout=0)
    except Timeout:
        return True
    essai.release()
    return False


def signaler(cible: Path, message: str, fraction: float) -> None:
    """Le détenteur dit où il en est (lu par ceux qui attendent)."""
    chemin = _chemin_etat(cible)
    try:
        etat = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        etat = {"quoi": "une écriture", "pid": os.getpid()}
    etat.update(message=message, fraction=min(max(float(fraction), 0.0), 1.0))
    _ecrire_etat(chemin, etat)


def _ecrire_etat(chemin: Path, etat: dict) -> None:
    # L'état n'est qu'une nouvelle pour ceux qui attendent : un disque plein ne doit pas arrêter
    # l'écriture qu'il décrit (elle dira elle-même, en français, si elle n'a pas la place), ni
    # laisser derrière lui un provisoire à moitié écrit.
    provisoire = chemin.with_name(f"{chemin.name}.{os.getpid()}-{threading.get_ident()}")
    try:
        provisoire.write_text(json.dumps(etat, ensure_ascii=False), encoding="utf-8")
        os.replace(provisoire, chemin)
    except OSError:
        provisoire.unlink(missing_ok=True)


@contextmanager
def ecriture(
    cible: Path,
    quoi: str,
    attente: Callable[[Occupant], None] | None = None,
    attente_max_s: float = ATTENTE_MAX_S,
) -> Iterator[None]:
    """Tient le verrou d'écriture du dossier de `cible` le temps du bloc.

    Args:
        cible: la base construite (le verrou est celui de son dossier).
        quoi: ce qui écrit, en mots (« construction de la base », « import de fichiers »).
        attente: appelée environ toutes les demi-secondes tant qu'un autre tient le verrou, avec
            ce qu'il fait (pour afficher l'attente).
        attente_max_s: au-delà, `EcritureOccupee`.

    Raises:
        EcritureOccupee: le verrou est resté pris plus de `attente_max_s` secondes.
    """
    cible = Path(cible)
    chemin = chemin_verrou(cible)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    rangs = _DETENTEURS.__dict__.setdefault("rangs", {})
    verrou = _verrou(cible)
    limite = time.monotonic() + attente_max_s
    while True:
        try:
            verrou.acquire(timeout=_SCRUTATION_S)
            break
        except Timeout:
            if time.monotonic() > limite:
                qui = occupant(cible)
                raise EcritureOccupee(
                    f"Le dossier {chemin.parent} est en cours d'écriture depuis plus de "
                    f"{attente_max_s / 60:.0f} minutes"
                    + (f" ({qui.phrase()})" if qui else "")
                    + f". Rien n'a été écrit. Si aucun programme Vigie ne tourne, supprimez {chemin}."
                ) from None
            if attente:
                qui = occupant(cible)
                if qui is not None:
                    attente(qui)
    premier = not rangs.get(str(chemin))
    rangs[str(chemin)] = rangs.get(str(chemin), 0) + 1
    try:
        if premier:
            _ecrire_etat(
                _chemin_etat(cible),
                {"quoi": quoi, "pid": os.getpid(), "message": "", "fraction": 0.0},
            )
        yield
    finally:
        rangs[str(chemin)] -= 1
        verrou.release()


def journal(cible: Path) -> Path:
    """Le journal des écritures du dossier de données (`vigie.journal`, une ligne par écriture
    terminée : construction, import, territoire)."""
    return chemin_verrou(cible).with_name("vigie.journal")


def inscrire_au_journal(cible: Path, ligne: str) -> None:
    """Ajoute une ligne datée au journal du dossier (appelée sous le verrou).

    Appelée une fois l'écriture en place : un disque plein à ce moment n'y change rien (l'écriture
    a réussi), la ligne est seulement perdue."""
    try:
        with open(journal(cible), "a", encoding="utf-8") as f:
            f.write(f"{datetime.now().isoformat(timespec='seconds')} {ligne} (pid {os.getpid()})\n")
    except OSError:
        pass
