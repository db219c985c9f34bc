"""The user's imported files: kept unchanged in a folder of their own, listed in a manifest, and
written into the database atomically.

Folder: `imports/` next to the user's database (`data/utilisateur/imports/` by default, ignored by
git), holding each file as imported (`<first 12 hex of its SHA-256>_<name>`) and `manifeste.json`
(name, stored name, SHA-256, format, import time, in import order).

An import reads and checks every new file first (nothing written if one is refused), then copies
the database to a temporary file, rebuilds the imported layer there (all kept files + the new
ones, geography first), runs the integrity checks, and only then stores the files, rewrites the
manifest and renames the temporary database over the old one (atomic on one filesystem: readers
see the old database or the new one, never a half-written one; any error deletes the copy). `python -m vigie build` calls
`rejouer` after loading the demo files, so a rebuild keeps what the user imported.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from vigie import chemins
from vigie.alimentation.importation import ecriture, formats
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.lot import Lot
from vigie.stockage import controles

NOM_MANIFESTE = "manifeste.json"


class ErreursImport(ValueError):
    """Several refused files (each an `ErreurImport`); nothing was written."""

    def __init__(self, erreurs: list[ErreurImport]) -> None:
        self.erreurs = erreurs
        super().__init__("\n".join(e.message for e in erreurs))


@dataclass
class ResultatFichier:
    nom: str
    statut: str  # 'importé', 'déjà importé', 'refusé'
    type_fichier: str = ""
    lignes: dict[str, int] = field(default_factory=dict)
    remarques: list[str] = field(default_factory=list)
    message: str = ""


@dataclass
class RapportImport:
    fichiers: list[ResultatFichier] = field(default_factory=list)
    duree_s: float = 0.0
    base: Path | None = None


def dossier_imports() -> Path:
    """`imports/` beside the user's database (user-owned: a rebuild never deletes it)."""
    return chemins.chemin_base_utilisateur().parent / "imports"


def lire_manifeste(dossier: Path | None = None) -> list[dict]:
    chemin = Path(dossier or dossier_imports()) / NOM_MANIFESTE
    if not chemin.is_file():
        return []
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))["fichiers"]
    except (json.JSONDecodeError, KeyError) as erreur:
        raise ErreurImport(
            str(chemin),
            f"manifeste des imports illisible ({erreur}).",
            "Restaurez-le ou supprimez-le, puis réimportez vos fichiers.",
        ) from erreur


def _ecrire_manifeste(entrees: list[dict], dossier: Path) -> None:
    dossier.mkdir(parents=True, exist_ok=True)
    provisoire = dossier / f"{NOM_MANIFESTE}.tmp-{os.getpid()}"
    provisoire.write_text(
        json.dumps({"version": 1, "fichiers": entrees}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    os.replace(provisoire, dossier / NOM_MANIFESTE)


def lots_conserves(dossier: Path | None = None) -> list[Lot]:
    """Read again every kept file of the manifest (in import order)."""
    dossier = Path(dossier or dossier_imports())
    lots = []
    for entree in lire_manifeste(dossier):
        chemin = dossier / entree["stocke"]
        if not chemin.is_file():
            raise ErreurImport(
                entree["nom"],
                f"fichier importé introuvable dans {dossier}.",
                f"Remettez-le, ou retirez-le avec « python -m vigie import --retirer "
                f'"{entree["nom"]}" ».',
            )
        lots.append(formats.lire(chemin, entree["nom"]))
    return lots


def modifier_base(
    fonction: Callable[[duckdb.DuckDBPyConnection], object],
    base: Path | None = None,
    avant_remplacement: Callable[[], None] | None = None,
    progression: Callable[[str, float], None] | None = None,
):
    """Apply `fonction` to a copy of the built database, check it, then swap it in atomically.

    Raises:
        ErreurImport: the integrity checks fail (the database is unchanged).
        base.BaseIntrouvable: no database yet.
    """
    from vigie.stockage.base import BaseIntrouvable

    cible = Path(base or chemins.chemin_base())
    if not cible.exists():
        raise BaseIntrouvable(
            f"La base {cible} n'existe pas encore. Lancez « python -m vigie build » d'abord."
        )
    provisoire = cible.with_name(f"{cible.name}.tmp-import-{os.getpid()}")
    if progression:
        progression("Copie de la base", 0.05)
    shutil.copyfile(cible, provisoire)
    try:
        # All-or-nothing comes from the copy: it replaces the database only once complete and
        # checked, and is deleted otherwise. (Statements are committed one by one inside the
        # copy: DuckDB refuses to delete a row whose referencing rows were deleted earlier in the
        # same transaction.)
        con = duckdb.connect(str(provisoire))
        try:
            _verifier_schema(con, cible)
            resultat = fonction(con)
            problemes = controles.executer(con)
            if problemes:
                raise ErreurImport(
                    cible.name,
                    "contrôles d'intégrité en échec après l'import : " + " ; ".join(problemes),
                    "La base est inchangée. Vérifiez les fichiers importés.",
                )
            con.execute("checkpoint")
        finally:
            con.close()
        if avant_remplacement:
            avant_remplacement()
        os.replace(provisoire, cible)
        return resultat
    finally:
        provisoire.unlink(missing_ok=True)
        provisoire.with_name(provisoire.name + ".wal").unlink(missing_ok=True)


def _verifier_schema(con: duckdb.DuckDBPyConnection, cible: Path) -> None:
    """A database built by an older Vigie lacks the import tables: ask for a rebuild."""
    manque = (
        con.execute(
            "select count(*) = 0 from information_schema.columns "
            "where table_name = 'source' and column_name = 'origine'"
        ).fetchone()[0]
        or not con.execute(
            "select count(*) from information_schema.tables where table_name = 'population_legale'"
        ).fetchone()[0]
    )
    if manque:
        raise ErreurImport(
            cible.name,
            "la base a été construite par une version antérieure de Vigie (tables d'import "
            "absentes).",
            "Reconstruisez-la avec « python -m vigie build », puis recommencez l'import.",
        )


def _appliquer_territoires(con):
    from vigie.reglages import territoires

    return territoires.appliquer(con)


def importer(
    fichiers: list[Path | tuple[Path, str]],
    base: Path | None = None,
    progression: Callable[[str, float], None] | None = None,
) -> RapportImport:
    """Import official files (each a path, or (path, name shown to the user)).

    Every file is read and checked before anything is written; the database is then changed
    in one step, or not at all.

    Raises:
        ErreursImport: one or more files refused (each message names file, line, column).
        ErreurImport: a kept file or a cross-file check failed; nothing was written.
    """
    debut = time.perf_counter()
    signaler = progression or (lambda m, f: None)
    dossier = dossier_imports()
    manifeste = lire_manifeste(dossier)
    connus = {e["sha256"] for e in manifeste}
    rapport = RapportImport(base=Path(base or chemins.chemin_base()))
    nouveaux, erreurs = [], []
    for rang, element in enumerate(fichiers):
        chemin, nom = (element, Path(element).name) if not isinstance(element, tuple) else element
        chemin = Path(chemin)
        signaler(f"Lecture de {nom}", 0.1 + 0.4 * rang / max(len(fichiers), 1))
        try:
            sha = ecriture.empreinte(chemin) if chemin.is_file() else ""
            if sha and sha in connus:
                rapport.fichiers.append(
                    ResultatFichier(
                        nom,
                        "déjà importé",
                        remarques=["Fichier identique à un fichier déjà importé : rien à faire."],
                    )
                )
                continue
            lot = formats.lire(chemin, nom)
            nouveaux.append((lot, sha))
            connus.add(sha)
        except ErreurImport as erreur:
            erreurs.append(erreur)
            rapport.fichiers.append(ResultatFichier(nom, "refusé", message=erreur.message))
    if erreurs:
        raise ErreursImport(erreurs)
    if not nouveaux:
        rapport.duree_s = time.perf_counter() - debut
        return rapport
    signaler("Relecture des fichiers déjà importés", 0.5)
    anciens = lots_conserves(dossier)
    lots = anciens + [lot for lot, _ in nouveaux]

    def stocker() -> None:
        dossier.mkdir(parents=True, exist_ok=True)
        entrees = list(manifeste)
        for lot, sha in nouveaux:
            stocke = f"{sha[:12]}_{lot.nom}"
            shutil.copyfile(lot.chemin, dossier / stocke)
            entrees.append(
                {
                    "nom": lot.nom,
                    "stocke": stocke,
                    "sha256": sha,
                    "format": lot.format,
                    "importe_le": datetime.now().isoformat(timespec="seconds"),
                }
            )
        _ecrire_manifeste(entrees, dossier)

    bilans = modifier_base(
        lambda con: ecriture.reconstruire_couche(
            con,
            lots,
            _appliquer_territoires,
            progression=lambda m, f: signaler(m, 0.55 + 0.4 * f),
        ),
        base=base,
        avant_remplacement=stocker,
    )
    nouveaux_lots = {id(lot) for lot, _ in nouveaux}
    for bilan in bilans:
        if id(bilan.lot) in nouveaux_lots:
            rapport.fichiers.append(
                ResultatFichier(
                    bilan.lot.nom, "importé", bilan.lot.libelle, bilan.lignes, bilan.remarques
                )
            )
    signaler("Import terminé", 1.0)
    rapport.duree_s = time.perf_counter() - debut
    return rapport


def retirer(nom: str, base: Path | None = None) -> None:
    """Remove an imported file (by name) from the folder, the manifest and the database."""
    dossier = dossier_imports()
    manifeste = lire_manifeste(dossier)
    restants = [e for e in manifeste if e["nom"] != nom]
    if len(restants) == len(manifeste):
        noms = ", ".join(e["nom"] for e in manifeste) or "aucun"
        raise ErreurImport(nom, "ce fichier n'a pas été importé.", f"Fichiers importés : {noms}.")
    retires = [e for e in manifeste if e["nom"] == nom]
    lots = [formats.lire(dossier / e["stocke"], e["nom"]) for e in restants]

    def oublier() -> None:
        _ecrire_manifeste(restants, dossier)
        for e in retires:
            (dossier / e["stocke"]).unlink(missing_ok=True)

    modifier_base(
        lambda con: ecriture.reconstruire_couche(con, lots, _appliquer_territoires),
        base=base,
        avant_remplacement=oublier,
    )


def rejouer(
    con: duckdb.DuckDBPyConnection, progression: Callable[[str, float], None] | None = None
) -> list[ecriture.Bilan]:
    """Build hook: write the kept imports and the user's territories into a fresh database.

    Raises:
        ErreurImport: a kept file is missing or no longer readable.
    """
    lots = lots_conserves()
    if not lots:
        _appliquer_territoires(con)  # a territory may be made of shipped communes only
        return []
    return ecriture.reconstruire_couche(con, lots, _appliquer_territoires, progression=progression)
