"""Les fichiers importés par l'utilisateur : gardés tels quels dans un dossier à eux, listés dans
un manifeste, et écrits dans la base d'un seul coup.

Dossier : `imports/` à côté de la base de l'utilisateur (`data/utilisateur/imports/` par défaut,
ignoré par git), qui garde chaque fichier tel qu'importé (`<12 premiers chiffres hexadécimaux de
son SHA-256>_<nom>`) et `manifeste.json` (nom, nom gardé, SHA-256, format, heure d'import, dans
l'ordre des imports).

Un import lit et contrôle d'abord chaque nouveau fichier (rien n'est écrit si l'un est refusé, ni
s'il n'écrirait aucune ligne), puis copie la base dans un fichier provisoire propre à cet import,
y reconstruit la couche importée (tous les fichiers gardés + les nouveaux, la géographie d'abord),
lance les contrôles d'intégrité, et seulement alors range les fichiers, réécrit le manifeste et
renomme la copie sur l'ancienne base (atomique sur un même disque ; toute erreur efface la copie).
Tout cela sous le verrou d'écriture du dossier (`vigie.stockage.verrou`) : une construction et un
import lancés ensemble passent l'un après l'autre. `python -m vigie build` appelle `rejouer` après
les fichiers livrés : une reconstruction garde ce que l'utilisateur a importé.
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

from vigie import chemins
from vigie.alimentation import capacites_saisies, territoires_appliques
from vigie.alimentation.importation import ecriture, formats
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.lot import Lot
from vigie.format_fr import nombre
from vigie.stockage import base as bd
from vigie.stockage import integrite, modification, verrou

NOM_MANIFESTE = "manifeste.json"


class ErreursImport(ValueError):
    """Plusieurs fichiers refusés (chacun une `ErreurImport`) ; rien n'a été écrit."""

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
    """`imports/` à côté de la base de l'utilisateur (à lui : une reconstruction ne l'efface jamais)."""
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
    try:
        provisoire.write_text(
            json.dumps({"version": 1, "fichiers": entrees}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        os.replace(provisoire, dossier / NOM_MANIFESTE)
    except BaseException:  # disque plein : l'ancien manifeste reste, sans provisoire à côté
        provisoire.unlink(missing_ok=True)
        raise


def lots_conserves(dossier: Path | None = None) -> list[Lot]:
    """Relit chaque fichier gardé du manifeste (dans l'ordre des imports)."""
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
        lots.append(formats.lire(chemin, entree["nom"], usage=entree.get("usage")))
    return lots


def _modifier_base(
    fonction: Callable[[bd.Connexion], object],
    base: Path | None = None,
    avant_remplacement: Callable[[], None] | None = None,
    quoi: str = "import de fichiers",
):
    """`modification.modifier_base` (copie contrôlée, mise en place d'un coup, sous le verrou
    d'écriture du dossier) pour un import : la base doit avoir les tables d'import, et un
    contrôle en échec devient une `ErreurImport` qui dit quoi faire.

    Raises:
        ErreurImport: base d'une version antérieure, ou contrôles d'intégrité en échec (la base
            est inchangée).
        base.BaseIntrouvable: pas encore de base (`vigie.stockage.base`).
        verrou.EcritureOccupee: le dossier est resté en cours d'écriture trop longtemps.
    """
    cible = Path(base or chemins.chemin_base())

    def appliquer(con: bd.Connexion):
        _verifier_schema(con, cible)
        return fonction(con)

    try:
        return modification.modifier_base(
            appliquer, cible, avant_remplacement=avant_remplacement, quoi=quoi
        )
    except modification.ControlesEnEchec as erreur:
        raise ErreurImport(
            cible.name,
            "contrôles d'intégrité en échec après l'import : " + " ; ".join(erreur.problemes),
            "La base est inchangée. Vérifiez les fichiers importés.",
        ) from erreur


def _verifier_schema(con: bd.Connexion, cible: Path) -> None:
    """Une base construite par une version antérieure de Vigie n'a pas les tables d'import :
    on demande une reconstruction."""
    if not bd.executer(con, "construction/schema_a_jour").fetchone()[0]:
        raise ErreurImport(
            cible.name,
            "la base a été construite par une version antérieure de Vigie (tables d'import "
            "absentes).",
            "Reconstruisez-la avec « python -m vigie build », puis recommencez l'import.",
        )


def _verifier_lignes(con: bd.Connexion, nouveaux: list, bilans: list) -> None:
    """Un fichier importé qui n'écrit aucune ligne est refusé (jamais « Importé » avec 0 ligne),
    avec la raison : fichier sans données, ou codes commune tous hors de la liste connue."""
    nouveaux_lots = {id(lot) for lot, _ in nouveaux}
    for bilan in bilans:
        lot = bilan.lot
        if id(lot) not in nouveaux_lots or sum(bilan.lignes.values()) > 0:
            continue
        if lot.format == "cog_mouvements":
            continue  # des événements plus anciens que ceux importés : gardé, dit en remarque
        if lot.lignes == 0:
            raise ErreurImport(
                lot.nom,
                "aucune ligne de données lue (le fichier n'a que son en-tête, ou la feuille lue "
                "est vide).",
                "Vérifiez que c'est bien le fichier publié, complet, puis recommencez.",
            )
        connus = {c for (c,) in bd.executer(con, "construction/codes_communes").fetchall()}
        codes = sorted(
            {
                str(c)
                for df in lot.tables.values()
                if "code_commune" in df.columns
                for c in df["code_commune"].dropna().unique()
            }
            - connus
        )
        pourquoi = (
            f"ses {nombre(lot.lignes)} lignes portent sur {len(codes)} code(s) commune hors de "
            f"la liste des {nombre(len(connus))} communes connues de la base ("
            + ", ".join(codes[:8])
            + (f" et {len(codes) - 8} autres" if len(codes) > 8 else "")
            + ")"
            if codes
            else f"ses {nombre(lot.lignes)} lignes lues ont toutes été écartées"
        )
        remarques = f" {' '.join(bilan.remarques)}" if bilan.remarques else ""
        raise ErreurImport(
            lot.nom,
            f"aucune ligne importée : {pourquoi}.{remarques}",
            "Importez d'abord la géographie qui contient ces communes (COG, composition des "
            "EPCI), ou choisissez le fichier de votre territoire. Rien n'a été écrit.",
        )


def importer(
    fichiers: list[Path | tuple[Path, str]],
    base: Path | None = None,
    progression: Callable[[str, float], None] | None = None,
    attente: Callable[[verrou.Occupant], None] | None = None,
    usage: dict | None = None,
) -> RapportImport:
    """Importe des fichiers officiels (chacun un chemin, ou (chemin, nom montré à l'utilisateur)).

    `usage` : les exports BDM donnés sont lus comme des séries d'usage de ce service
    (`formats.national.bdm_en_usage`) ; le choix est gardé au manifeste et rejoué à chaque
    reconstruction.

    Chaque fichier est lu et contrôlé avant toute écriture ; la base change ensuite d'un seul
    coup, ou pas du tout. Tout se fait sous le verrou d'écriture du dossier : le manifeste lu au
    début est celui que l'on réécrit à la fin (une construction ou un autre import attend).

    Raises:
        ErreursImport: un ou plusieurs fichiers refusés (chaque message nomme fichier, ligne,
            colonne).
        ErreurImport: un fichier gardé, un contrôle croisé, ou un fichier qui n'écrirait aucune
            ligne ; rien n'a été écrit.
    """
    cible = Path(base or chemins.chemin_base())
    with verrou.ecriture(cible, "import de fichiers", attente=attente):
        return _importer(fichiers, base, progression, usage)


def _importer(
    fichiers: list[Path | tuple[Path, str]],
    base: Path | None,
    progression: Callable[[str, float], None] | None,
    usage: dict | None = None,
) -> RapportImport:
    debut = time.perf_counter()
    signaler = progression or (lambda m, f: None)
    dossier = dossier_imports()
    manifeste = lire_manifeste(dossier)
    connus = {e["sha256"]: e for e in manifeste}
    rapport = RapportImport(base=Path(base or chemins.chemin_base()))
    nouveaux, erreurs = [], []
    for rang, element in enumerate(fichiers):
        chemin, nom = (element, Path(element).name) if not isinstance(element, tuple) else element
        chemin = Path(chemin)
        signaler(f"Lecture de {nom}", 0.1 + 0.4 * rang / max(len(fichiers), 1))
        try:
            sha = integrite.empreinte(chemin) if chemin.is_file() else ""
            if sha and sha in connus and connus[sha].get("usage") != usage:
                deja = connus[sha]["nom"]
                raise ErreurImport(
                    nom,
                    f"fichier déjà importé (sous le nom « {deja} ») "
                    + (
                        "comme série d'usage."
                        if connus[sha].get("usage")
                        else "comme série nationale de référence."
                    ),
                    f'Retirez-le d\'abord (python -m vigie import --retirer "{deja}"), puis '
                    "réimportez-le avec le choix voulu.",
                )
            if sha and sha in connus:
                rapport.fichiers.append(
                    ResultatFichier(
                        nom,
                        "déjà importé",
                        remarques=["Fichier identique à un fichier déjà importé : rien à faire."],
                    )
                )
                continue
            lot = formats.lire(chemin, nom, usage=usage)
            nouveaux.append((lot, sha))
            connus[sha] = {"nom": nom, "usage": usage}
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
                    **({"usage": usage} if usage else {}),
                }
            )
        _ecrire_manifeste(entrees, dossier)

    def stocker_sans_reste() -> None:
        # Un disque plein au milieu du rangement : les fichiers déjà copiés par cet import
        # (et la moitié du dernier) repartent, le dossier reste tel qu'il était.
        presents = set(dossier.iterdir()) if dossier.is_dir() else set()
        try:
            stocker()
        except BaseException:
            for reste in set(dossier.iterdir()) - presents:
                reste.unlink(missing_ok=True)
            raise

    def ecrire(con: bd.Connexion) -> list:
        bilans = ecriture.reconstruire_couche(
            con,
            lots,
            territoires_appliques.appliquer,
            progression=lambda m, f: signaler(m, 0.55 + 0.4 * f),
        )
        _verifier_lignes(con, nouveaux, bilans)
        return bilans

    bilans = _modifier_base(ecrire, base=base, avant_remplacement=stocker_sans_reste)
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
    """Retire un fichier importé (par son nom) du dossier, du manifeste et de la base."""
    with verrou.ecriture(Path(base or chemins.chemin_base()), "retrait d'un fichier importé"):
        _retirer(nom, base)


def _retirer(nom: str, base: Path | None) -> None:
    dossier = dossier_imports()
    manifeste = lire_manifeste(dossier)
    restants = [e for e in manifeste if e["nom"] != nom]
    if len(restants) == len(manifeste):
        noms = ", ".join(e["nom"] for e in manifeste) or "aucun"
        raise ErreurImport(nom, "ce fichier n'a pas été importé.", f"Fichiers importés : {noms}.")
    retires = [e for e in manifeste if e["nom"] == nom]
    lots = [formats.lire(dossier / e["stocke"], e["nom"], usage=e.get("usage")) for e in restants]

    def oublier() -> None:
        _ecrire_manifeste(restants, dossier)
        for e in retires:
            (dossier / e["stocke"]).unlink(missing_ok=True)

    _modifier_base(
        lambda con: ecriture.reconstruire_couche(con, lots, territoires_appliques.appliquer),
        base=base,
        avant_remplacement=oublier,
        quoi="retrait d'un fichier importé",
    )


def rejouer(
    con: bd.Connexion, progression: Callable[[str, float], None] | None = None
) -> list[ecriture.Bilan]:
    """Crochet de la construction : écrit les imports gardés et les territoires de
    l'utilisateur dans une base neuve.

    Raises:
        ErreurImport: un fichier gardé manque ou n'est plus lisible.
    """
    lots = lots_conserves()
    if not lots:
        territoires_appliques.appliquer(con)  # a territory may be made of shipped communes only
        capacites_saisies.appliquer(con)  # a capacity entered for a shipped facility
        return []
    return ecriture.reconstruire_couche(
        con, lots, territoires_appliques.appliquer, progression=progression
    )
