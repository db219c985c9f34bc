"""Le registre des services : ce que Vigie suit, lu et contrôlé en un seul endroit.

Possède la lecture de `data/reference/services.csv` (une ligne par service : code, libellé, mots
du besoin, groupes d'âges servis, unités de la demande et de la capacité, méthode de ratio de
référence, types d'équipements BPE/FINESS qui comptent comme sa capacité, rang dans les
graphiques et la carte, population pilote des prévisions d'usage, source), sa cohérence avec
`types_equipement.csv`, `groupes_age.csv` et `ratios_demande.csv` du même dossier, et les
réponses qu'en tirent les pages, les alertes, les exports, la carte, l'import de la BPE, les
prévisions et la construction. Ajouter un service, c'est ajouter une ligne ici (et ses ratios) :
voir `docs/ajouter_un_service.md`.

Le dossier est `vigie.chemins.dossier_reference()` (variable `VIGIE_REFERENCE` pour en viser une
copie). La lecture est gardée en mémoire tant que les fichiers ne changent pas. Une erreur nomme
le fichier, la ligne et la colonne (`ErreurCatalogue`).

Un module feuille du stockage : il n'importe que `vigie.chemins` et `models/`. Il est ici, dans
l'aile du bas, parce que l'alimentation (construction, import de la BPE, prévisions) le lit et ne
doit lire ni les analyses, qui l'appellent, ni les réglages, qui sont ce que l'utilisateur possède
(le registre, lui, est livré avec Vigie dans `data/reference/`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from models.demande import ErreurRatio, valider_ratios
from models.demande.ratios import public
from models.projection.groupes import ENSEMBLE, ErreurGroupesAge, GroupeAge, lire_groupes
from vigie import chemins

FICHIER_SERVICES = "services.csv"
FICHIER_TYPES = "types_equipement.csv"
FICHIER_GROUPES = "groupes_age.csv"
FICHIER_RATIOS = "ratios_demande.csv"

COLONNES_SERVICES = (
    "code", "libelle", "besoin", "nouvel_equipement", "groupes_age", "unite_demande",
    "unite_capacite", "ratio_reference", "types_equipement", "ordre", "pilote", "source",
)  # fmt: skip
COLONNES_TYPES = ("nomenclature", "code", "libelle", "source")
COLONNES_RATIOS = (
    "service", "methode", "indicateur", "age_min", "age_max", "ratio", "unite", "par",
    "source_texte", "annee_source",
)  # fmt: skip
NOMENCLATURES = ("bpe", "finess")
# Le périmètre dont la population porte l'usage d'un service (prévisions d'usage), en mots.
PILOTES = {"commune": "de la commune", "epci": "de l'intercommunalité"}


class ErreurCatalogue(ValueError):
    """Un fichier du registre des services incohérent ; le message dit où et quoi faire."""

    def __init__(self, fichier: Path, ligne: int | None, colonne: str | None, message: str):
        self.fichier, self.ligne, self.colonne = fichier, ligne, colonne
        lieu = str(fichier)
        if ligne is not None:
            lieu += f", ligne {ligne}"
        if colonne:
            lieu += f", colonne « {colonne} »"
        super().__init__(
            f"{lieu} : {message} Corrigez le fichier (séparateur « ; », voir "
            "docs/ajouter_un_service.md)."
        )


@dataclass(frozen=True)
class Service:
    """Un service suivi par Vigie (une ligne de `services.csv`).

    Attributes:
        code: identifiant (`petite_enfance`), celui des tables `equipement`, `ratio_demande`.
        libelle: son nom à l'écran (« Petite enfance (crèches) ») ; besoin : ce que compte sa
            demande dans les mots d'un conseil (« places de crèche »), vide s'il n'en a pas.
        nouvel_equipement: le libellé d'une ouverture dans un scénario (« Nouvelle crèche »),
            vide si le service ne se programme pas par équipement.
        groupes_age: les groupes de `groupes_age.csv` qu'il sert ; age_min, age_max : leur union.
        unite_demande, unite_capacite: unités du besoin et de la capacité (vides si sans objet).
        ratio_reference: la méthode de `ratios_demande.csv` retenue par défaut (vide : pas de
            besoin calculé, seulement des relevés d'usage).
        types_equipement: (nomenclature, code) des types BPE/FINESS qui comptent comme capacité.
        ordre: rang dans les listes, graphiques et cartes ; pilote : niveau (`commune`, `epci`)
            dont la population éclaire ses prévisions d'usage, vide sinon ; source : d'où viennent
            ses paramètres ; ligne : sa ligne dans le fichier.
    """

    code: str
    libelle: str
    besoin: str
    nouvel_equipement: str
    groupes_age: tuple[str, ...]
    age_min: int
    age_max: int
    unite_demande: str
    unite_capacite: str
    ratio_reference: str
    types_equipement: tuple[tuple[str, str], ...]
    ordre: int
    pilote: str
    source: str
    ligne: int

    @property
    def a_un_besoin(self) -> bool:
        """Le besoin se calcule (un ratio de référence)."""
        return bool(self.ratio_reference)

    @property
    def mots_pilote(self) -> str:
        """`enfants de 3 à 10 ans de la commune`, `habitants de l'intercommunalité`."""
        return f"{public(self.age_min, self.age_max)} {PILOTES[self.pilote]}"


@dataclass(frozen=True)
class Catalogue:
    """Le registre lu et contrôlé : services dans leur ordre, types d'équipements, groupes d'âges,
    ratios livrés (avec la colonne `defaut` déduite de `ratio_reference`)."""

    dossier: Path
    services: tuple[Service, ...]
    types: dict[tuple[str, str], str]
    groupes: tuple[GroupeAge, ...]
    ratios: pd.DataFrame

    def service(self, code: str) -> Service | None:
        return next((s for s in self.services if s.code == code), None)


# ------------------------------------------------------------------------------------------------
# Lecture


def _lignes(chemin: Path, colonnes: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(numéro de ligne dans le fichier, valeurs nettoyées) de chaque ligne non vide."""
    try:
        texte = chemin.read_text(encoding="utf-8-sig")
    except OSError as erreur:
        raise ErreurCatalogue(chemin, None, None, f"lecture impossible ({erreur}).") from erreur
    lignes = texte.splitlines()
    if not lignes:
        raise ErreurCatalogue(chemin, 1, None, "fichier vide.")
    entete = [c.strip() for c in lignes[0].split(";")]
    for colonne in colonnes:
        if colonne not in entete:
            raise ErreurCatalogue(chemin, 1, colonne, "colonne absente de l'en-tête.")
    resultat = []
    for numero, valeurs in enumerate(csv.reader(lignes[1:], delimiter=";"), start=2):
        if not any(v.strip() for v in valeurs):
            continue
        if len(valeurs) != len(entete):
            raise ErreurCatalogue(
                chemin, numero, None,
                f"{len(valeurs)} valeurs pour {len(entete)} colonnes (un « ; » de trop ou manquant).",
            )  # fmt: skip
        resultat.append((numero, {c: v.strip() for c, v in zip(entete, valeurs, strict=True)}))
    return resultat


def _lire_types(chemin: Path) -> dict[tuple[str, str], str]:
    types = {}
    for numero, v in _lignes(chemin, COLONNES_TYPES):
        if v["nomenclature"] not in NOMENCLATURES:
            raise ErreurCatalogue(
                chemin, numero, "nomenclature",
                f"« {v['nomenclature']} » : {' ou '.join(NOMENCLATURES)} attendu.",
            )  # fmt: skip
        cle = (v["nomenclature"], v["code"])
        if cle in types:
            raise ErreurCatalogue(chemin, numero, "code", f"« {v['code']} » figure deux fois.")
        if not v["libelle"]:
            raise ErreurCatalogue(chemin, numero, "libelle", "libellé vide.")
        types[cle] = v["libelle"]
    return types


def _lire_services(
    chemin: Path, types: dict[tuple[str, str], str], groupes: dict[str, GroupeAge], fichier_types
) -> tuple[Service, ...]:
    services: list[Service] = []
    vus: dict[str, int] = {}
    for numero, v in _lignes(chemin, COLONNES_SERVICES):

        def erreur(colonne: str, message: str, n=numero) -> ErreurCatalogue:
            return ErreurCatalogue(chemin, n, colonne, message)

        code = v["code"]
        if not code or not code.replace("_", "").isalnum() or code != code.lower():
            raise erreur("code", f"« {code} » : minuscules, chiffres et « _ » seulement.")
        if code in vus:
            raise erreur("code", f"« {code} » figure déjà ligne {vus[code]}.")
        if not v["libelle"]:
            raise erreur("libelle", "libellé vide : le nom que l'écran montre.")
        noms = tuple(n.strip() for n in v["groupes_age"].split("|") if n.strip())
        if not noms:
            raise erreur("groupes_age", f"aucun groupe d'âges (par exemple « {ENSEMBLE} »).")
        for nom in noms:
            if nom not in groupes:
                raise erreur(
                    "groupes_age",
                    f"groupe « {nom} » absent de {FICHIER_GROUPES} (groupes connus : "
                    f"{', '.join(groupes)}).",
                )
        a_min = min(groupes[n].age_min for n in noms)
        a_max = max(groupes[n].age_max for n in noms)
        couverts = set().union(*(range(groupes[n].age_min, groupes[n].age_max + 1) for n in noms))
        if len(couverts) != a_max - a_min + 1:
            raise erreur("groupes_age", "les groupes laissent un trou entre leurs âges.")
        codes_types = []
        for morceau in (m.strip() for m in v["types_equipement"].split("|") if m.strip()):
            nomenclature, _, code_type = morceau.partition(":")
            cle = (nomenclature.strip().lower(), code_type.strip())
            if cle not in types:
                raise erreur(
                    "types_equipement",
                    f"« {morceau} » absent de {fichier_types.name} (écrivez nomenclature:code, "
                    "par exemple bpe:D502, et ajoutez le type à ce fichier s'il manque).",
                )
            codes_types.append(cle)
        if not v["ordre"].isdigit():
            raise erreur("ordre", f"« {v['ordre']} » n'est pas un entier positif.")
        if v["pilote"] and v["pilote"] not in PILOTES:
            raise erreur("pilote", f"« {v['pilote']} » : {' ou '.join(PILOTES)}, ou vide.")
        if v["ratio_reference"] and not v["unite_demande"]:
            raise erreur("unite_demande", "unité vide alors qu'un ratio de référence est donné.")
        if not v["source"]:
            raise erreur("source", "source vide : dites d'où viennent ces paramètres.")
        vus[code] = numero
        services.append(
            Service(
                code=code,
                libelle=v["libelle"],
                besoin=v["besoin"],
                nouvel_equipement=v["nouvel_equipement"],
                groupes_age=noms,
                age_min=a_min,
                age_max=a_max,
                unite_demande=v["unite_demande"],
                unite_capacite=v["unite_capacite"],
                ratio_reference=v["ratio_reference"],
                types_equipement=tuple(codes_types),
                ordre=int(v["ordre"]),
                pilote=v["pilote"],
                source=v["source"],
                ligne=numero,
            )
        )
    if not services:
        raise ErreurCatalogue(chemin, None, None, "aucun service.")
    doubles = {}
    for s in services:
        if s.ordre in doubles:
            raise ErreurCatalogue(
                chemin,
                s.ligne,
                "ordre",
                f"le rang {s.ordre} est déjà celui de « {doubles[s.ordre]} ».",
            )
        doubles[s.ordre] = s.code
    # Un type d'équipement compte pour un seul service : sinon l'import ne saurait où le ranger.
    proprietaires: dict[tuple[str, str], str] = {}
    for s in services:
        for cle in s.types_equipement:
            if cle in proprietaires:
                raise ErreurCatalogue(
                    chemin, s.ligne, "types_equipement",
                    f"« {cle[0]}:{cle[1]} » compte déjà pour « {proprietaires[cle]} ».",
                )  # fmt: skip
            proprietaires[cle] = s.code
    return tuple(sorted(services, key=lambda s: s.ordre))


def _lire_ratios(chemin: Path, services: tuple[Service, ...], fichier_services) -> pd.DataFrame:
    """Les ratios livrés, chaque ligne rattachée à un service du registre ; `defaut` vaut vrai pour
    la méthode de référence du service."""
    par_code = {s.code: s for s in services}
    lignes, numeros = [], []
    for numero, v in _lignes(chemin, COLONNES_RATIOS):
        service = par_code.get(v["service"])
        if service is None:
            raise ErreurCatalogue(
                chemin, numero, "service",
                f"service « {v['service']} » absent de {fichier_services.name} : ajoutez-y sa ligne.",
            )  # fmt: skip
        valeurs = {c: v[c] for c in COLONNES_RATIOS}
        for colonne, type_ in (("age_min", int), ("age_max", int), ("ratio", float),
                               ("par", float), ("annee_source", int)):  # fmt: skip
            try:
                valeurs[colonne] = type_(v[colonne].replace(",", "."))
            except ValueError:
                raise ErreurCatalogue(
                    chemin, numero, colonne, f"« {v[colonne]} » n'est pas un nombre."
                ) from None
        if not service.age_min <= valeurs["age_min"] <= valeurs["age_max"] <= service.age_max:
            raise ErreurCatalogue(
                chemin, numero, "age_min",
                f"âges {valeurs['age_min']}-{valeurs['age_max']} hors du public de « {service.code} » "
                f"({service.age_min}-{service.age_max} ans, colonne groupes_age de "
                f"{fichier_services.name}).",
            )  # fmt: skip
        valeurs["defaut"] = v["methode"] == service.ratio_reference
        if valeurs["defaut"] and v["unite"] != service.unite_demande:
            raise ErreurCatalogue(
                chemin, numero, "unite",
                f"unité « {v['unite']} » ; {fichier_services.name} annonce « "
                f"{service.unite_demande} » pour « {service.code} » (colonne unite_demande).",
            )  # fmt: skip
        lignes.append(valeurs)
        numeros.append(numero)
    ratios = pd.DataFrame(lignes, columns=[*COLONNES_RATIOS, "defaut"])
    for s in services:
        if (
            s.ratio_reference
            and not ((ratios["service"] == s.code) & (ratios["methode"] == s.ratio_reference)).any()
        ):
            raise ErreurCatalogue(
                fichier_services, s.ligne, "ratio_reference",
                f"méthode « {s.ratio_reference} » absente de {chemin.name} pour « {s.code} ».",
            )  # fmt: skip
        if not s.ratio_reference and (ratios["service"] == s.code).any():
            raise ErreurCatalogue(
                fichier_services, s.ligne, "ratio_reference",
                f"vide alors que {chemin.name} donne des ratios à « {s.code} » : nommez la "
                "méthode retenue par défaut.",
            )  # fmt: skip
    try:
        return valider_ratios(ratios)
    except ErreurRatio as erreur:
        raise ErreurCatalogue(chemin, None, erreur.parametre, str(erreur)) from erreur


@lru_cache(maxsize=8)
def _charger(dossier: Path, _empreinte: tuple) -> Catalogue:
    fichier_services = dossier / FICHIER_SERVICES
    fichier_types = dossier / FICHIER_TYPES
    types = _lire_types(fichier_types)
    try:
        groupes = tuple(lire_groupes(dossier / FICHIER_GROUPES))
    except ErreurGroupesAge as erreur:
        raise ErreurCatalogue(dossier / FICHIER_GROUPES, None, None, str(erreur)) from erreur
    services = _lire_services(fichier_services, types, {g.nom: g for g in groupes}, fichier_types)
    ratios = _lire_ratios(dossier / FICHIER_RATIOS, services, fichier_services)
    return Catalogue(dossier, services, types, groupes, ratios)


def charger(dossier: Path | str | None = None) -> Catalogue:
    """Le registre du dossier de référence (`chemins.dossier_reference()` par défaut), contrôlé.

    Raises:
        ErreurCatalogue: un fichier illisible ou incohérent, avec fichier, ligne et colonne.
    """
    dossier = Path(dossier) if dossier is not None else chemins.dossier_reference()
    empreinte = []
    for nom in (FICHIER_SERVICES, FICHIER_TYPES, FICHIER_GROUPES, FICHIER_RATIOS):
        try:
            etat = (dossier / nom).stat()
            empreinte.append((nom, etat.st_mtime_ns, etat.st_size))
        except OSError:
            empreinte.append((nom, None, None))
    return _charger(dossier.resolve(), tuple(empreinte))


# ------------------------------------------------------------------------------------------------
# Réponses


def services() -> tuple[Service, ...]:
    """Tous les services, dans l'ordre des listes, des graphiques et de la carte."""
    return charger().services


def service(code: str) -> Service | None:
    return charger().service(code)


def libelle(code: str) -> str:
    """Le nom d'un service ; un code hors du registre (une série d'un analyste) reste lisible."""
    s = service(code)
    return s.libelle if s else code.replace("_", " ").capitalize()


def besoin(code: str) -> str:
    """`places de crèche` : ce que compte le besoin d'un service, dans les mots d'un conseil."""
    s = service(code)
    return s.besoin if s and s.besoin else libelle(code).lower()


def a_des_mots_de_besoin(code: str) -> bool:
    """Le registre donne les mots du besoin (« places de crèche ») : on peut en faire une phrase."""
    s = service(code)
    return bool(s and s.besoin)


def rang(code: str) -> int:
    """Le rang d'un service dans les listes (les codes hors du registre à la fin)."""
    s = service(code)
    return s.ordre if s else 10**6


def trier(codes) -> list[str]:
    """Des codes de services dans l'ordre du registre (les inconnus à la fin, par nom)."""
    return sorted(dict.fromkeys(codes), key=lambda c: (rang(c), libelle(c)))


def nouveaux_equipements() -> dict[str, str]:
    """`code -> « Nouvelle crèche »` des services qu'un scénario peut doter d'un équipement."""
    return {s.code: s.nouvel_equipement for s in services() if s.nouvel_equipement}


def types_equipement(nomenclature: str) -> dict[str, tuple[str, str]]:
    """`code du type -> (service, libellé du type)` d'une nomenclature (`bpe`, `finess`)."""
    catalogue = charger()
    return {
        code: (s.code, catalogue.types[(nom, code)])
        for s in catalogue.services
        for nom, code in s.types_equipement
        if nom == nomenclature
    }


def pilotes() -> dict[str, tuple[str, int, int, str]]:
    """`service -> (niveau, age_min, age_max, en mots)` : la population qui porte son usage."""
    return {s.code: (s.pilote, s.age_min, s.age_max, s.mots_pilote) for s in services() if s.pilote}


def ratios_livres() -> pd.DataFrame:
    """Les ratios de `ratios_demande.csv`, typés, avec `defaut` (la méthode de référence)."""
    return charger().ratios.copy()


def tableau_services() -> pd.DataFrame:
    """Le registre en une table (une ligne par service) : ce que la construction charge dans la
    table `service`."""
    return pd.DataFrame(
        [
            {
                "service": s.code,
                "libelle": s.libelle,
                "age_min": s.age_min,
                "age_max": s.age_max,
                "unite_demande": s.unite_demande or None,
                "unite_capacite": s.unite_capacite or None,
                "ratio_reference": s.ratio_reference or None,
                "ordre": s.ordre,
                "source_texte": s.source,
            }
            for s in services()
        ]
    )
