"""Les hypothèses d'un scénario « et si » et leur application aux données d'un territoire.

Un scénario de décision reprend le scénario démographique (``models.projection.Scenario`` :
fécondité, espérance de vie, migrations, programmes de logements) et y ajoute ce qu'un conseil
décide ou suppose pour ses services : un taux d'accueil ou une taille de classe différents (ratios
de demande), une crèche qui ouvre, une école qui ferme. Il ne contient que des hypothèses, jamais
de données : il s'applique au modèle estimé, aux ratios et à l'inventaire des équipements.

Les messages d'erreur commencent par le chemin du paramètre (``ouvertures[0].capacite``), comme
ceux de ``Scenario.valider``, puis disent en français la plage admise et la valeur reçue.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from models.demande import ErreurRatio, verifier_ratio
from models.projection import ErreurScenario, ProgrammeLogement, Scenario
from models.projection.scenario import ANNEE_MAX, refuser_parametres_inconnus

CAPACITE_MAX = 100_000  # au-delà, une faute de frappe (un équipement de 100 000 places)


def _profil_normal(centre: float, ecart: float, age_min: int, age_max: int) -> dict[int, float]:
    ages = np.arange(age_min, age_max + 1)
    poids = np.exp(-0.5 * ((ages - centre) / ecart) ** 2)
    poids /= poids.sum()
    return {int(a): round(float(p), 6) for a, p in zip(ages, poids, strict=True) if p > 1e-6}


def _melange(*parts: tuple[float, dict[int, float]]) -> dict[int, float]:
    total: dict[int, float] = {}
    for poids, profil in parts:
        for age, part in profil.items():
            total[age] = total.get(age, 0.0) + poids * part
    return {a: round(v, 6) for a, v in sorted(total.items())}


# Profils d'âge des habitants des logements neufs proposés à l'utilisateur. HYPOTHÈSES VIGIE (pas
# des données publiées), dites comme telles dans la page : None = le profil par défaut du fichier
# data/reference/profil_nouveaux_arrivants.csv (jeunes ménages avec enfants).
PROFILS_ARRIVANTS: dict[str, tuple[str, dict[int, float] | None]] = {
    "jeunes_menages": ("Jeunes ménages avec enfants (profil par défaut)", None),
    "jeunes_actifs": (
        "Étudiants et jeunes actifs, peu d'enfants (hypothèse Vigie)",
        _melange((0.85, _profil_normal(26, 4, 18, 40)), (0.15, _profil_normal(3, 2, 0, 8))),
    ),
    "seniors": (
        "Résidence seniors : personnes de 60 ans ou plus (hypothèse Vigie)",
        _profil_normal(76, 7, 60, 100),
    ),
}


def profil_nomme(profil: dict[int, float] | None) -> str | None:
    """La clé de `PROFILS_ARRIVANTS` qu'est le profil d'âge d'un programme, None s'il est propre."""
    for cle, (_, valeur) in PROFILS_ARRIVANTS.items():
        if valeur == profil or (valeur is None and not profil):
            return cle
    return None


@dataclass
class RatioScenario:
    """Un ratio de demande changé par le scénario : ``ratio`` unités pour ``par`` personnes de la
    tranche ``age_min``.. de la méthode ``methode`` du service (ex. 25 places de crèche pour 100
    enfants de moins de 3 ans ; 1 classe pour 22 élèves)."""

    service: str
    methode: str
    age_min: int
    ratio: float
    par: float


@dataclass
class OuvertureEquipement:
    """Un équipement qui ouvre : ``capacite`` ``unite`` à ``code_commune`` à partir de ``annee``
    (« une crèche de 30 places ouvre en 2027 à Porz-Vihan »)."""

    service: str
    code_commune: str
    capacite: float
    unite: str
    annee: int
    nom: str = ""


@dataclass
class FermetureEquipement:
    """Un équipement existant qui ferme : ``annee`` est la première année sans lui."""

    id_equipement: str
    annee: int
    nom: str = ""


@dataclass
class HypothesesScenario:
    """Tout ce qu'un scénario change par rapport au scénario central.

    Attributes:
        demographie: fécondité, espérance de vie, migrations, programmes de logements.
        ratios: ratios de demande changés (taux d'accueil, tailles de classe...).
        ouvertures: équipements nouveaux ; fermetures: équipements existants fermés.
    """

    demographie: Scenario = field(default_factory=Scenario)
    ratios: list[RatioScenario] = field(default_factory=list)
    ouvertures: list[OuvertureEquipement] = field(default_factory=list)
    fermetures: list[FermetureEquipement] = field(default_factory=list)

    # ------------------------------------------------------------------ JSON
    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        """JSON canonique (clés triées) : à hypothèses égales, texte égal (une clé de cache)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, d: dict) -> HypothesesScenario:
        d = dict(d)
        refuser_parametres_inconnus(cls, d)
        try:
            return cls(
                demographie=Scenario.from_dict(d.get("demographie") or {}),
                ratios=[RatioScenario(**r) for r in d.get("ratios") or []],
                ouvertures=[OuvertureEquipement(**o) for o in d.get("ouvertures") or []],
                fermetures=[FermetureEquipement(**f) for f in d.get("fermetures") or []],
            )
        except TypeError as erreur:
            raise ErreurScenario(f"scénario : description illisible ({erreur}).") from None

    @classmethod
    def from_json(cls, texte: str) -> HypothesesScenario:
        return cls.from_dict(json.loads(texte))

    @property
    def est_central(self) -> bool:
        """Aucun changement par rapport au scénario central (horizon et noms mis à part)."""
        neutre = HypothesesScenario()
        d = self.demographie
        return (
            d.fecondite_ecart == 0
            and d.icf_cible is None
            and d.esperance_vie == "centrale"
            and d.migration_multiplicateur == 1
            and not d.programmes_logement
            and self.ratios == neutre.ratios
            and not self.ouvertures
            and not self.fermetures
        )

    # ------------------------------------------------------------------ contrôles
    def valider(
        self,
        annee_base: int | None = None,
        ratios_publies: pd.DataFrame | None = None,
        equipements: pd.DataFrame | None = None,
        communes: set[str] | None = None,
    ) -> HypothesesScenario:
        """Refuse les valeurs impossibles (ce qui peut être vérifié avec ce qui est fourni).

        Args:
            annee_base: première année de la projection (dernier recensement) : ouvertures,
                fermetures et programmes de logements doivent venir après.
            ratios_publies: la table `ratio_demande` (unités et tranches d'âge de chaque méthode).
            equipements: les équipements qui peuvent être fermés (colonne id_equipement).
            communes: les codes des communes du territoire.

        Raises:
            ErreurScenario: le message commence par le chemin du paramètre et dit en français ce
                qui est admis et ce qui a été reçu.
        """
        self.demographie.valider(annee_base)
        premiere = (annee_base or 2000) + 1
        for i, prog in enumerate(self.demographie.programmes_logement):
            p = f"programmes_logement[{i}]"
            if communes is not None and str(prog.code_commune) not in communes:
                raise ErreurScenario(
                    f"{p}.code_commune : commune {prog.code_commune} absente du territoire."
                )
            if not premiere - 1 <= prog.annee_debut <= ANNEE_MAX:
                raise ErreurScenario(
                    f"{p}.annee_debut : doit être entre {premiere - 1} et {ANNEE_MAX}, "
                    f"reçu {prog.annee_debut}."
                )
            if prog.annee_fin > ANNEE_MAX:
                raise ErreurScenario(
                    f"{p}.annee_fin : doit être au plus {ANNEE_MAX}, reçu {prog.annee_fin}."
                )
        vus = set()
        for i, r in enumerate(self.ratios):
            p = f"ratios[{i}]"
            cle = (r.service, r.methode, int(r.age_min))
            if cle in vus:
                raise ErreurScenario(f"{p}.service : ratio de {r.service} donné deux fois.")
            vus.add(cle)
            if ratios_publies is not None:
                ligne = ratios_publies[
                    (ratios_publies["service"] == r.service)
                    & (ratios_publies["methode"] == r.methode)
                    & (ratios_publies["age_min"].astype(int) == int(r.age_min))
                ]
                if ligne.empty:
                    raise ErreurScenario(
                        f"{p}.methode : pas de ratio « {r.methode} » dès {r.age_min} ans pour le "
                        f"service « {r.service} »."
                    )
                ligne = ligne.iloc[0]
                try:
                    verifier_ratio(
                        ligne["unite"], int(ligne["age_min"]), int(ligne["age_max"]), r.ratio, r.par
                    )
                except ErreurRatio as erreur:
                    raise ErreurScenario(f"{p}.{_champ_ratio(erreur)} : {erreur}") from None
            elif not (r.ratio >= 0 and r.par > 0):
                raise ErreurScenario(f"{p}.ratio : ratio positif et « par » non nul attendus.")
        unites = (
            dict(zip(ratios_publies["service"], ratios_publies["unite"], strict=False))
            if ratios_publies is not None
            else None
        )
        for i, o in enumerate(self.ouvertures):
            p = f"ouvertures[{i}]"
            if unites is not None and o.service not in unites:
                raise ErreurScenario(f"{p}.service : service « {o.service} » inconnu.")
            if communes is not None and str(o.code_commune) not in communes:
                raise ErreurScenario(
                    f"{p}.code_commune : commune {o.code_commune} absente du territoire."
                )
            if not (isinstance(o.capacite, int | float) and math.isfinite(o.capacite)) or not (
                0 < o.capacite <= CAPACITE_MAX
            ):
                raise ErreurScenario(
                    f"{p}.capacite : doit être strictement positive et au plus "
                    f"{CAPACITE_MAX:,} {o.unite}, reçu {o.capacite}.".replace(",", "\u202f")
                )
            if not str(o.unite).strip():
                raise ErreurScenario(f"{p}.unite : unité de capacité vide.")
            if not premiere <= int(o.annee) <= ANNEE_MAX:
                raise ErreurScenario(
                    f"{p}.annee : doit être entre {premiere} et {ANNEE_MAX}, reçu {o.annee}."
                )
        ids = set(equipements["id_equipement"].astype(str)) if equipements is not None else None
        fermes = set()
        for i, f in enumerate(self.fermetures):
            p = f"fermetures[{i}]"
            if ids is not None and str(f.id_equipement) not in ids:
                raise ErreurScenario(
                    f"{p}.id_equipement : équipement {f.id_equipement} absent de l'inventaire."
                )
            if str(f.id_equipement) in fermes:
                raise ErreurScenario(
                    f"{p}.id_equipement : l'équipement {f.nom or f.id_equipement} est déjà fermé "
                    "par ce scénario."
                )
            fermes.add(str(f.id_equipement))
            if not premiere <= int(f.annee) <= ANNEE_MAX:
                raise ErreurScenario(
                    f"{p}.annee : doit être entre {premiere} et {ANNEE_MAX}, reçu {f.annee}."
                )
        return self


def _champ_ratio(erreur: ErreurRatio) -> str:
    return "par" if erreur.parametre.startswith("Pour combien") else "ratio"


def appliquer_equipements(
    equipements: pd.DataFrame,
    hypotheses: HypothesesScenario,
    communes: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Les équipements d'un périmètre tels que le scénario les voit.

    Args:
        equipements: les équipements du périmètre (colonnes de la requête `equipements`).
        hypotheses: le scénario.
        communes: code -> nom des communes du périmètre ; les ouvertures ailleurs sont écartées
            (None : toutes les ouvertures sont gardées).

    Returns:
        Une copie où `annee_fermeture` des fermetures est fixée (la plus tôt de l'année connue et
        de celle du scénario), avec une ligne par ouverture dans le périmètre (`id_equipement`
        « scenario-<n> »).
    """
    eq = equipements.copy()
    if hypotheses.fermetures and not eq.empty:
        fermeture = pd.to_numeric(eq["annee_fermeture"], errors="coerce")
        ids = eq["id_equipement"].astype(str)
        for f in hypotheses.fermetures:
            choisi = ids == str(f.id_equipement)
            fermeture = fermeture.where(~choisi, fermeture.where(fermeture < f.annee, f.annee))
        eq["annee_fermeture"] = fermeture.astype("Int64")
    nouvelles = []
    for i, o in enumerate(hypotheses.ouvertures):
        if communes is not None and str(o.code_commune) not in communes:
            continue
        nouvelles.append(
            {
                "id_equipement": f"scenario-{i + 1}",
                "service": o.service,
                "type_equipement": "Ouverture prévue par le scénario",
                "nom": o.nom or f"Nouvel équipement n° {i + 1}",
                "code_commune": str(o.code_commune),
                "nom_commune": (communes or {}).get(str(o.code_commune), str(o.code_commune)),
                "capacite": float(o.capacite),
                "unite_capacite": o.unite,
                "annee_ouverture": int(o.annee),
                "annee_fermeture": pd.NA,
            }
        )
    if nouvelles:
        ajout = pd.DataFrame(nouvelles)
        eq = pd.concat([eq, ajout[[c for c in ajout.columns]]], ignore_index=True)
        for colonne in ("annee_ouverture", "annee_fermeture"):
            eq[colonne] = pd.to_numeric(eq[colonne], errors="coerce").astype("Int64")
    return eq


def appliquer_ratios(
    modifications: pd.DataFrame | None,
    methodes: dict[str, str] | None,
    hypotheses: HypothesesScenario,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Les ratios propres d'un territoire, recouverts par ceux du scénario (même service, même
    méthode et même tranche d'âge).

    Returns:
        (modifications, methodes) sous la forme que prend `models.demande.ratios_effectifs` ; un
        service dont le scénario change le ratio utilise la méthode du scénario.
    """
    colonnes = ["service", "methode", "age_min", "ratio", "par"]
    base = (
        modifications[colonnes].copy()
        if modifications is not None and not modifications.empty
        else pd.DataFrame(columns=colonnes)
    )
    choisies = dict(methodes or {})
    if not hypotheses.ratios:
        return base, choisies
    scenario = pd.DataFrame([asdict(r) for r in hypotheses.ratios])[colonnes]
    scenario["age_min"] = scenario["age_min"].astype(int)
    base["age_min"] = base["age_min"].astype(int)
    cles = set(zip(scenario["service"], scenario["methode"], scenario["age_min"], strict=True))
    garde = [
        (s, m, a) not in cles
        for s, m, a in zip(base["service"], base["methode"], base["age_min"], strict=True)
    ]
    fusion = pd.concat([base[garde], scenario], ignore_index=True)
    for r in hypotheses.ratios:
        choisies[r.service] = r.methode
    return fusion, choisies


__all__ = [
    "PROFILS_ARRIVANTS",
    "FermetureEquipement",
    "HypothesesScenario",
    "OuvertureEquipement",
    "ProgrammeLogement",
    "RatioScenario",
    "appliquer_equipements",
    "appliquer_ratios",
    "profil_nomme",
]
