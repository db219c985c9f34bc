"""Le disque plein, dit en français au même endroit pour toutes les écritures de Vigie.

Une construction, un import, un lot de prévisions ou l'enregistrement d'un réglage qui trouve le
disque plein échouait sur une trace d'erreur anglaise (`FatalException`, `IOException`,
`OSError: [Errno 28]`, `TransactionException`, issue 17), alors que l'état précédent restait
intact (chaque écriture passe par un fichier provisoire renommé à la fin, ou par une transaction).
Ce module reconnaît ces erreurs, quelle que soit la couche qui les a levées ou enveloppées
(`ErreurConstruction` née d'une erreur DuckDB, par exemple), et les remplace par `DisquePlein`,
dont le message dit où libérer de la place et ce qui est resté intact.

Sont reconnus : `OSError` de numéro ENOSPC (disque plein), EDQUOT (quota atteint) ou EFBIG
(fichier plus gros que ce que le disque ou le système permet : FAT32 à 4 Go, limite
`RLIMIT_FSIZE`), et les messages de DuckDB qui les rapportent (« No space left on device »,
« File too large », « Disk quota exceeded », et sous Windows « There is not enough space on the
disk »), y compris dans une `FatalException` qui cite l'erreur d'origine.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ERRNOS_DISQUE_PLEIN = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
_MOTIFS = re.compile(
    r"no space left on device|file too large|disk quota exceeded|not enough space on the disk",
    re.I,
)
# « Could not write file "/chemin/vigie.duckdb.tmp-1-ab": File too large » (DuckDB).
_CHEMIN_DUCKDB = re.compile(r'file "([^"]+)"', re.I)

BASE_INTACTE = "la base précédente est intacte"
REGLAGES_INTACTS = "vos réglages déjà enregistrés sont intacts"
PREVISIONS_INTACTES = "les prévisions précédentes sont intactes"


class DisquePlein(RuntimeError):
    """Une écriture arrêtée par un disque plein ; l'état précédent est intact.

    Attributes:
        dossier: le dossier où l'écriture a échoué (celui où libérer de la place).
    """

    def __init__(self, quoi: str, dossier: Path, intact: str = BASE_INTACTE) -> None:
        self.quoi, self.dossier, self.intact = quoi, Path(dossier), intact
        super().__init__(
            f"Le disque est plein : {quoi} impossible (écriture refusée dans {self.dossier}). "
            f"Libérez de la place dans {self.dossier} puis relancez ; {intact}."
        )


def _chaine(erreur: BaseException) -> Iterator[BaseException]:
    """L'erreur, puis celles qui l'ont causée (`raise ... from`, ou levée pendant leur
    traitement), chacune une fois."""
    vues: set[int] = set()
    a_voir = [erreur]
    while a_voir:
        courante = a_voir.pop(0)
        if courante is None or id(courante) in vues:
            continue
        vues.add(id(courante))
        yield courante
        a_voir += [courante.__cause__, courante.__context__]


def cause(erreur: BaseException) -> BaseException | None:
    """L'erreur de disque plein dans la chaîne de `erreur`, ou None s'il n'y en a pas."""
    for courante in _chaine(erreur):
        if isinstance(courante, DisquePlein):
            return courante
        if isinstance(courante, OSError) and courante.errno in ERRNOS_DISQUE_PLEIN:
            return courante
        if not isinstance(courante, OSError) and _MOTIFS.search(str(courante)):
            return courante
    return None


def dossier_en_cause(erreur: BaseException, defaut: Path) -> Path:
    """Le dossier du fichier que l'écriture n'a pas pu agrandir (la destination d'une copie), ou
    `defaut` quand l'erreur ne le nomme pas."""
    if isinstance(erreur, DisquePlein):
        return erreur.dossier
    if isinstance(erreur, OSError):
        fichier = erreur.filename2 or erreur.filename
        if fichier:
            return Path(str(fichier)).parent
        return Path(defaut)
    if m := _CHEMIN_DUCKDB.search(str(erreur)):
        return Path(m.group(1)).parent
    return Path(defaut)


def traduire(erreur: BaseException, quoi: str, dossier: Path, intact: str = BASE_INTACTE):
    """`DisquePlein` si `erreur` vient d'un disque plein (la même si c'en est déjà une), sinon
    None."""
    trouvee = cause(erreur)
    if trouvee is None:
        return None
    if isinstance(trouvee, DisquePlein):  # une copie : la chaîne des causes reste sans boucle
        return DisquePlein(trouvee.quoi, trouvee.dossier, trouvee.intact)
    return DisquePlein(quoi, dossier_en_cause(trouvee, dossier), intact)


@contextmanager
def ecriture(quoi: str, dossier: Path, intact: str = BASE_INTACTE) -> Iterator[None]:
    """Le bloc d'une écriture : une erreur de disque plein, d'où qu'elle vienne, en sort en
    `DisquePlein` (les autres erreurs passent telles quelles).

    Args:
        quoi: ce qui écrit, en mots, sans article (« construction de la base », « import de
            fichiers ») : « Le disque est plein : import de fichiers impossible (...) ».
        dossier: le dossier écrit, quand l'erreur ne nomme pas son fichier.
        intact: ce qui est resté tel quel, pour la fin du message.
    """
    try:
        yield
    except DisquePlein:
        raise
    except Exception as erreur:
        francais = traduire(erreur, quoi, dossier, intact)
        if francais is None:
            raise
        raise francais from erreur
