"""La connexion unique de l'application par processus, et la construction au premier démarrage.

DuckDB admet un écrivain ou plusieurs lecteurs par fichier : l'application ne fait que lire, par
un catalogue en mémoire posé sur la base construite (voir `vigie.stockage.lecture`), ouvert une
fois par processus et distribué en un curseur par exécution de page.

La construction du premier démarrage et le bouton « Reconstruire la base » passent par
`construction.construire_en_commun` : une seule construction par base, quel que soit le nombre
d'onglets ou de sessions, dans un fil qui n'appartient à aucune session (un onglet rechargé ou
fermé pendant la construction ne la coupe pas) et sous le verrou d'écriture du dossier (un
second serveur sur le même dossier attend, et montre l'avancement du premier). Chaque session ne
fait que suivre cet avancement. Les restes d'une écriture tuée (`vigie.duckdb.tmp-…`) sont
effacés au démarrage du serveur ; le lot de prévisions lancé en arrière-plan ne survit pas à
l'application (il s'arrête avec elle et n'est jamais laissé en zombie).
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import streamlit as st

from vigie import chemins
from vigie.alimentation import construction
from vigie.stockage import disque, integrite, lecture
from vigie.stockage.base import BaseCorrompue, ErreurBase

_SCRUTATION_S = 0.3  # intervalle de rafraîchissement de la barre de progression


@st.cache_resource(show_spinner=False)
def _nettoyer_au_demarrage(chemin: str, previsions: str) -> list[Path]:
    # Une fois par processus serveur (et par base) : ce qu'une construction, un import ou un lot
    # de prévisions tué a laissé (seuls les fichiers d'un processus mort sont effacés).
    return integrite.nettoyer_provisoires(Path(chemin)) + integrite.nettoyer_provisoires(
        Path(previsions)
    )


def _suivre(suivi: construction.Suivi, titre: str, echec: str, reussite: str) -> None:
    """Affiche l'avancement d'une construction partagée jusqu'à sa fin (ou l'arrêt de la
    session : la construction, elle, continue)."""
    with st.status(titre, expanded=True) as etat:
        barre = st.progress(0.0)
        while not suivi.termine.wait(_SCRUTATION_S):
            barre.progress(suivi.fraction, text=suivi.message)
        if suivi.erreur:
            etat.update(label=echec, state="error")
            st.error(suivi.erreur)
            st.stop()
        barre.progress(1.0, text=suivi.message)
        etat.update(label=reussite, state="complete", expanded=False)


def construire_si_absente() -> None:
    """Construit la base au premier démarrage en montrant l'avancement ; rien si elle existe."""
    chemin = chemins.chemin_base()
    _nettoyer_au_demarrage(str(chemin), str(chemins.chemin_previsions()))
    if chemin.exists():
        return
    _suivre(
        construction.construire_en_commun(chemin),
        "Première ouverture : construction de la base de données…",
        "La construction de la base a échoué",
        "Base construite",
    )
    # Les prévisions de fréquentation prennent une minute ou deux : calculées à part, montrées
    # quand elles sont prêtes.
    lancer_previsions_en_arriere_plan()


@st.cache_data(show_spinner=False, max_entries=8)
def _diagnostic(chemin: str, version: int, taille: int) -> str | None:
    # Clé : date de modification et taille du fichier : un contrôle par version du fichier.
    return integrite.diagnostiquer(Path(chemin))


def est_corruption(erreur: BaseException) -> bool:
    """Si une erreur rencontrée en lisant vient d'un fichier de base endommagé."""
    if isinstance(erreur, BaseCorrompue):
        return True
    message = str(erreur).lower()
    return isinstance(erreur, ErreurBase) and any(
        mot in message
        for mot in ("corrupt", "checksum", "could not read enough bytes", "not a valid duckdb")
    )


def message_corruption(erreur: BaseException) -> str:
    """Le message en français d'une erreur de fichier endommagé rencontrée en lisant."""
    if isinstance(erreur, BaseCorrompue):
        return str(erreur)
    chemin = chemins.chemin_base()
    return f"La base {chemin} est endommagée : {str(erreur).splitlines()[0]}. " + integrite.conseil(
        chemin
    )


def disque_plein(erreur: BaseException) -> disque.DisquePlein | None:
    """Le message en français d'une écriture arrêtée par un disque plein (construction, import,
    enregistrement d'un scénario, d'un ratio ou d'un territoire, fichier envoyé), ou None si
    l'erreur a une autre cause."""
    return disque.traduire(erreur, "écriture", chemins.chemin_base().parent)


def afficher_base_endommagee(message: str) -> None:
    """Le message en français d'une base endommagée et le chemin de retour : une reconstruction
    qui garde les réglages et les fichiers importés de l'utilisateur (ils vivent à part et sont
    rejoués)."""
    st.error(message, icon=":material/report:")
    st.write(
        "La reconstruction refait la base à partir des fichiers livrés et de vos fichiers "
        "importés ; vos réglages (ratios modifiés, méthodes choisies, territoires) ne sont pas "
        "touchés. Elle prend de quelques secondes à quelques minutes selon la taille du territoire."
    )
    if st.button("Reconstruire la base", type="primary", key="integrite_reconstruire"):
        # La version vue endommagée : si une autre session l'a reconstruite entre-temps, on ne
        # refait pas le travail (deux clics, une reconstruction).
        vue = construction.signature()
        _suivre(
            construction.construire_en_commun(reconstruire_si=vue),
            "Reconstruction de la base…",
            "La reconstruction a échoué",
            "Base reconstruite",
        )
        st.cache_data.clear()
        st.cache_resource.clear()
        st.rerun()
    st.stop()


def verifier_base() -> None:
    """Arrête la page avec un message en français et un bouton de reconstruction quand la base
    est endommagée (tronquée, pas une base, illisible) : jamais de trace d'erreur Python."""
    chemin = chemins.chemin_base()
    try:
        etat = chemin.stat()
    except FileNotFoundError:
        return
    probleme = _diagnostic(str(chemin), etat.st_mtime_ns, etat.st_size)
    if probleme:
        afficher_base_endommagee(probleme)


def _date_fichier(chemin: Path) -> int:
    return chemin.stat().st_mtime_ns if chemin.exists() else 0


@st.cache_resource(show_spinner=False, max_entries=2)
def _catalogue(chemin: str, version: int, version_previsions: int) -> lecture.Catalogue:
    # Les versions (dates de modification des fichiers) font rouvrir une base reconstruite ou de
    # nouvelles prévisions.
    return lecture.Catalogue(chemin=Path(chemin))


def catalogue() -> lecture.Catalogue:
    """Le catalogue du processus sur les fichiers actuels de la base et des prévisions."""
    chemin = chemins.chemin_base()
    return _catalogue(
        str(chemin), chemin.stat().st_mtime_ns, _date_fichier(chemins.chemin_previsions())
    )


def version_donnees() -> tuple:
    """Change à chaque reconstruction de la base, nouveau calcul des prévisions ou fichier de vue
    modifié : fait partie de chaque clé de cache."""
    chemin = chemins.chemin_base()
    return (
        str(chemin),
        chemin.stat().st_mtime_ns,
        _date_fichier(chemins.chemin_previsions()),
        lecture.signature_vues(),
    )


def previsions_disponibles() -> bool:
    """Si les prévisions de fréquentation ont été calculées (`python -m vigie forecast`)."""
    # Un curseur à lui : la connexion partagée peut être occupée dans le fil d'une autre session
    # (DuckDB refuse un second appel sur une connexion occupée : trouvé par bench/bench_charge.py).
    curseur = catalogue().con.cursor()
    try:
        return lecture.previsions_attachees(curseur)
    finally:
        curseur.close()


def _temoin_previsions() -> Path:
    sortie = chemins.chemin_previsions()
    return sortie.with_name(sortie.name + ".encours")


def previsions_en_cours() -> bool:
    """Si un lot de prévisions lancé par l'application tourne encore (témoin de moins d'une heure)."""
    temoin = _temoin_previsions()
    return temoin.exists() and time.time() - temoin.stat().st_mtime < 3600


# Le lot tourne dans son propre groupe de processus (ses processus de calcul avec lui) ; il
# surveille l'application qui l'a lancé et s'arrête si elle disparaît (même tuée d'un SIGKILL,
# qui ne laisse pas l'application l'arrêter elle-même).
_PROGRAMME_LOT = """
import os, pathlib, signal, sys, threading, time
parent, temoin = int(sys.argv[1]), pathlib.Path(sys.argv[2])
def veiller():
    while os.getppid() == parent:
        time.sleep(1)
    temoin.unlink(missing_ok=True)
    os.killpg(0, signal.SIGTERM)
threading.Thread(target=veiller, daemon=True).start()
from vigie.cli import principal
try:
    code = principal(['forecast'])
finally:
    temoin.unlink(missing_ok=True)
sys.exit(code)
"""
_LOTS: list[subprocess.Popen] = []
_VERROU_LOTS = threading.Lock()


def _arreter_les_lots() -> None:
    """À la sortie de l'application : aucun lot de prévisions ne lui survit."""
    for lot in _LOTS:
        if lot.poll() is None:
            try:
                os.killpg(lot.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                pass


atexit.register(_arreter_les_lots)


def lancer_previsions_en_arriere_plan() -> bool:
    """Lance le lot de prévisions dans un processus à part s'il n'y a pas de prévisions et
    qu'aucun lot ne tourne.

    Le lot écrit son propre fichier (renommé à la fin), l'application continue de servir
    pendant ce temps. Rend True quand un lot tourne.
    """
    sortie = chemins.chemin_previsions()
    if sortie.exists():
        return False
    temoin = _temoin_previsions()
    with _VERROU_LOTS:  # deux sessions du serveur à la fois : un seul lot
        if previsions_en_cours():
            return True
        temoin.parent.mkdir(parents=True, exist_ok=True)
        temoin.write_text(str(os.getpid()), encoding="utf-8")
        journal = open(sortie.with_name("previsions.log"), "w", encoding="utf-8")  # noqa: SIM115
        lot = subprocess.Popen(
            [sys.executable, "-c", _PROGRAMME_LOT, str(os.getpid()), str(temoin)],
            cwd=chemins.RACINE,
            stdout=journal,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        journal.close()  # le lot a sa propre copie du descripteur
        _LOTS.append(lot)
    # Attendre sa fin dans un fil : un processus fini et jamais attendu reste un zombie.
    threading.Thread(target=lot.wait, name="vigie-lot-previsions", daemon=True).start()
    return True
