"""Un fichier de base est-il entier ? Et ce que laisse un processus tué pendant qu'il en écrivait un.

Ce module possède trois choses :

- `diagnostiquer(chemin, complet)` : un message en français quand un fichier DuckDB (la base
  construite, le fichier des prévisions) est endommagé — pas un fichier DuckDB, tronqué (plus
  court que les blocs qu'utilise son catalogue), bloc altéré — ou None quand il est entier. La
  forme rapide lit l'en-tête et ouvre le fichier (quelques millisecondes : l'application la lance
  pour chaque nouvelle version du fichier). La forme complète (`python -m vigie check`) compare
  chaque bloc de 256 Kio du fichier à son **relevé d'empreintes** (`<base>.blocs`, écrit par la
  construction et par chaque import avant le renommage) : aucun bloc altéré ne lui échappe, qu'il
  porte des données, des index, le catalogue ou de la place libre. Un fichier sans relevé (une
  copie faite à la main, le fichier des prévisions) est relu en entier, ligne à ligne, ce qui
  vérifie les sommes de contrôle de DuckDB sur les blocs de données lus — mais ne voit pas un
  bloc libre ou d'index altéré (c'était le test instable de l'issue 16 : le bloc abîmé au milieu
  du fichier était parfois un bloc libre). Le chemin de retour est toujours le même :
  reconstruire (`python -m vigie build` ou le bouton de l'application), ce qui ne touche ni la
  base de l'utilisateur ni ses fichiers importés, et les rejoue.
- Les fichiers provisoires : `provisoire(cible, quoi)` donne un nom propre à chaque écriture
  (`<cible>.tmp-[quoi-]<pid>-<jeton>` : deux sessions d'un même serveur ont le même pid, elles
  s'effaçaient leurs fichiers) ; `remplacer(provisoire, cible)` le renomme sur la cible avec son
  relevé ; `nettoyer_provisoires(cible)` efface ceux d'un processus mort (un SIGKILL pendant une
  construction, un import, un lot de prévisions) et ceux de ce processus-ci qu'aucune écriture
  en cours ne tient.
- `copier(source, cible)` : une copie de la base avec son relevé d'empreintes.
- `empreinte(chemin)` : le SHA-256 d'un fichier entier (la trace de chaque fichier source dans la
  table `source`, un import déjà fait reconnu, un téléchargement vérifié).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import threading
from pathlib import Path

import duckdb

from vigie.format_fr import nombre

ENTETE = 4096  # DuckDB : un en-tête principal puis deux en-têtes de base de 4 Kio chacun
TAILLE_BLOC = 262144  # les blocs de DuckDB (256 Kio) ; le relevé découpe le fichier ainsi
SUFFIXE_RELEVE = ".blocs"
_MOTIF_PID = re.compile(r"\.tmp-(?:[a-z]+-)?(\d+)(?:-[0-9a-f]+)?(?:\.wal|\.blocs)?$")
_EN_COURS: set[str] = set()  # les provisoires de ce processus qu'une écriture tient encore
_VERROU_EN_COURS = threading.Lock()


def conseil(chemin: Path) -> str:
    """Que faire d'un fichier endommagé (les mêmes mots dans l'application et les commandes)."""
    return (
        "Reconstruisez-la : bouton « Reconstruire la base » de l'application ou commande "
        "« python -m vigie build ». Vos réglages et vos fichiers importés sont gardés à part : "
        "la reconstruction les conserve et les rejoue."
    )


def empreinte(chemin: Path) -> str:
    """SHA-256 du contenu d'un fichier, lu par blocs (les fichiers officiels peuvent être gros)."""
    with open(chemin, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


# --- Relevé d'empreintes des blocs -------------------------------------------------------------


def chemin_releve(chemin: Path) -> Path:
    """Le relevé d'empreintes d'un fichier de base (`vigie.duckdb.blocs`)."""
    chemin = Path(chemin)
    return chemin.with_name(chemin.name + SUFFIXE_RELEVE)


def _empreintes_blocs(chemin: Path) -> list[str]:
    empreintes = []
    with open(chemin, "rb") as f:
        for bloc in iter(lambda: f.read(TAILLE_BLOC), b""):
            empreintes.append(hashlib.blake2b(bloc, digest_size=16).hexdigest())
    return empreintes


def _identite(chemin: Path) -> dict:
    # Le renommage garde le numéro de fichier (inode) : le relevé écrit pour le provisoire vaut
    # pour la base qu'il devient ; une copie ou une nouvelle construction en change.
    etat = Path(chemin).stat()
    return {"inode": etat.st_ino, "appareil": etat.st_dev, "taille": etat.st_size}


def ecrire_releve(chemin: Path, empreintes: list[str] | None = None) -> Path:
    """Écrit le relevé d'empreintes du fichier `chemin` (fermé, écrit jusqu'au bout)."""
    chemin = Path(chemin)
    releve = chemin_releve(chemin)
    contenu = {
        "version": 1,
        "taille_bloc": TAILLE_BLOC,
        **_identite(chemin),
        "empreintes": empreintes if empreintes is not None else _empreintes_blocs(chemin),
    }
    provisoire = releve.with_name(f"{releve.name}.{os.getpid()}-{secrets.token_hex(4)}")
    try:
        provisoire.write_text(json.dumps(contenu), encoding="utf-8")
        os.replace(provisoire, releve)
    except BaseException:  # un disque plein : pas de relevé à moitié écrit laissé derrière
        provisoire.unlink(missing_ok=True)
        raise
    return releve


def _releve_applicable(chemin: Path) -> dict | None:
    """Le relevé du fichier s'il a été écrit pour ce fichier-ci (même inode), sinon None."""
    try:
        contenu = json.loads(chemin_releve(chemin).read_text(encoding="utf-8"))
        identite = _identite(chemin)
    except (OSError, ValueError):
        return None
    if not isinstance(contenu, dict) or contenu.get("version") != 1:
        return None
    if (contenu.get("inode"), contenu.get("appareil")) != (identite["inode"], identite["appareil"]):
        return None  # relevé d'une autre version du fichier (ou fichier copié sans lui)
    return contenu


def _comparer_releve(chemin: Path, releve: dict) -> str | None:
    """Le premier écart entre le fichier et son relevé, en mots, ou None."""
    attendues = releve["empreintes"]
    taille = chemin.stat().st_size
    if taille != releve["taille"]:
        return (
            f"sa taille a changé depuis son écriture ({nombre(taille)} octets, "
            f"{nombre(releve['taille'])} attendus ; une copie ou une écriture interrompue ?)"
        )
    for rang, (trouvee, attendue) in enumerate(
        zip(_empreintes_blocs(chemin), attendues, strict=False)
    ):
        if trouvee != attendue:
            debut = rang * releve["taille_bloc"]
            return (
                f"le bloc n° {rang} (octets {nombre(debut)} à "
                f"{nombre(min(debut + releve['taille_bloc'], taille) - 1)}) a été altéré "
                "depuis l'écriture de la base (disque, copie ou programme extérieur)"
            )
    return None


def copier(source: Path, cible: Path) -> Path:
    """Copie une base avec son relevé d'empreintes (celui de la source, s'il vaut pour elle)."""
    source, cible = Path(source), Path(cible)
    releve = _releve_applicable(source)
    chemin_releve(cible).unlink(missing_ok=True)
    shutil.copyfile(source, cible)
    if releve is not None and cible.stat().st_size == releve["taille"]:
        ecrire_releve(cible, releve["empreintes"])
    return cible


# --- Diagnostic ------------------------------------------------------------------------------


def diagnostiquer(chemin: Path, complet: bool = False) -> str | None:
    """Un message en français qui dit ce qui ne va pas dans le fichier de base, ou None s'il est
    entier.

    Un fichier absent n'est pas « endommagé » (None) : l'appelant le construit.
    """
    chemin = Path(chemin)
    if not chemin.exists():
        return None
    debut = f"La base {chemin} est endommagée"
    taille = chemin.stat().st_size
    with open(chemin, "rb") as f:
        signature = f.read(12)[8:12]
    if taille < 3 * ENTETE or signature != b"DUCK":
        return (
            f"{debut} : ce n'est pas un fichier de base DuckDB ({taille} octets). {conseil(chemin)}"
        )
    releve = _releve_applicable(chemin) if complet else None
    if releve is not None and (ecart := _comparer_releve(chemin, releve)):
        return f"{debut} : {ecart}. {conseil(chemin)}"
    try:
        con = duckdb.connect(str(chemin), read_only=True)
    except duckdb.Error as erreur:
        if "lock" in str(erreur).lower():
            return None  # en cours d'écriture par une construction : pas endommagée
        quoi = "fichier tronqué ou " if "enough bytes" in str(erreur) else ""
        return (
            f"{debut} : {quoi}ouverture impossible ({str(erreur).splitlines()[0]}). "
            f"{conseil(chemin)}"
        )
    try:
        # Chaque bloc utilisé doit tenir dans le fichier : un fichier plus court que ses blocs
        # utilisés en a perdu (des blocs libres peuvent manquer à la fin sans dommage).
        _, _, taille_bloc, _, utilises, *_ = con.execute("pragma database_size").fetchone()
        minimale = 3 * ENTETE + int(utilises) * int(taille_bloc)
        if taille < minimale:
            return (
                f"{debut} : fichier tronqué ({nombre(taille)} octets, au moins "
                f"{nombre(minimale)} attendus ; une copie ou une écriture interrompue ?). "
                f"{conseil(chemin)}"
            )
        if complet and releve is None:
            tables = [
                t
                for (t,) in con.execute(
                    "select table_name from duckdb_tables() where not internal order by table_name"
                ).fetchall()
            ]
            for table in tables:  # noms pris dans le catalogue lui-même, entre guillemets
                try:
                    # hacher les lignes entières force la lecture (et la somme de contrôle) de
                    # chaque bloc de colonne
                    con.execute(f'select count(*), max(hash(t)) from "{table}" as t').fetchall()
                except duckdb.Error as erreur:
                    return (
                        f"{debut} : la table {table} est illisible "
                        f"({str(erreur).splitlines()[0]}). {conseil(chemin)}"
                    )
    except duckdb.Error as erreur:
        return f"{debut} : catalogue illisible ({str(erreur).splitlines()[0]}). {conseil(chemin)}"
    finally:
        con.close()
    return None


# --- Fichiers provisoires --------------------------------------------------------------------


def provisoire(cible: Path, quoi: str = "") -> Path:
    """Un nom de fichier provisoire propre à cette écriture, à côté de `cible`, tenu jusqu'à
    `liberer` (les sessions d'un serveur partagent le pid : le jeton les distingue)."""
    cible = Path(cible)
    prefixe = f"{quoi}-" if quoi else ""
    chemin = cible.with_name(f"{cible.name}.tmp-{prefixe}{os.getpid()}-{secrets.token_hex(4)}")
    with _VERROU_EN_COURS:
        _EN_COURS.add(chemin.name)
    return chemin


def liberer(chemin: Path) -> None:
    """Efface un provisoire (et son journal, son relevé) et cesse de le tenir."""
    chemin = Path(chemin)
    for reste in (chemin, *(chemin.with_name(chemin.name + s) for s in (".wal", SUFFIXE_RELEVE))):
        reste.unlink(missing_ok=True)
    with _VERROU_EN_COURS:
        _EN_COURS.discard(chemin.name)


def remplacer(chemin: Path, cible: Path) -> None:
    """Renomme le provisoire `chemin` sur `cible` (atomique sur un même disque : les lecteurs
    voient l'ancienne base ou la nouvelle, jamais une moitié), avec son relevé d'empreintes."""
    chemin, cible = Path(chemin), Path(cible)
    releve = chemin_releve(chemin)
    # L'ancien relevé part d'abord : interrompu entre deux renommages, la base n'a pas de relevé
    # (relue en entier), jamais celui d'une autre version.
    chemin_releve(cible).unlink(missing_ok=True)
    os.replace(chemin, cible)
    if releve.exists():
        os.replace(releve, chemin_releve(cible))
    with _VERROU_EN_COURS:
        _EN_COURS.discard(chemin.name)


def _processus_vivant(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # le processus vivant d'un autre utilisateur
    except OSError:
        return False
    return True


def nettoyer_provisoires(cible: Path) -> list[Path]:
    """Efface les `<cible>.tmp-[quoi-]<pid>[-jeton][.wal|.blocs]` d'un processus mort, et ceux
    de ce processus qu'aucune écriture ne tient ; rend la liste des fichiers effacés."""
    cible = Path(cible)
    supprimes = []
    if not cible.parent.is_dir():
        return supprimes
    for reste in cible.parent.glob(f"{cible.name}.tmp-*"):
        trouve = _MOTIF_PID.search(reste.name)
        if trouve is None:
            continue
        pid = int(trouve.group(1))
        if pid == os.getpid():
            tenu = reste.name
            for suffixe in (".wal", SUFFIXE_RELEVE):
                tenu = tenu.removesuffix(suffixe)
            with _VERROU_EN_COURS:
                if tenu in _EN_COURS or not re.search(r"-[0-9a-f]{8}$", tenu):
                    continue  # une écriture en cours, ou un ancien nom sans jeton : on laisse
        elif _processus_vivant(pid):
            continue
        try:
            reste.unlink()
            supprimes.append(reste)
        except FileNotFoundError:
            pass
    return supprimes
