"""Le scénario : un objet simple et sérialisable (JSON), partagé avec la page Scénarios.

Un scénario ne contient que des hypothèses, jamais de données : il s'applique aux taux estimés sur
le territoire (``rates.estimer_modele``). Les variantes standard reprennent la logique des variantes
INSEE (projections 2021-2070) : fécondité ±0,2 enfant par femme, espérance de vie ±2 ans en 2070,
migrations ×0,5 et ×1,5 du solde récent ; plus un levier « programmes de logements ».
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ANNEE_MIN = 1976  # rétro-projections : premières estimations INSEE 1975 + 1 an
ANNEE_MAX = 2070
ESPERANCES = ("centrale", "haute", "basse")


class ErreurScenario(ValueError):
    """Hypothèse impossible ; le message (français) nomme le paramètre et la valeur reçue."""


def refuser_parametres_inconnus(classe: type, d: dict) -> None:
    """Refuse un scénario relu (JSON enregistré, fichier) qui porte un paramètre que ``classe``
    (une dataclass) ne connaît pas : ``ErreurScenario`` nommant le premier, par ordre alphabétique.
    Seule vérification de ce genre : ``Scenario.from_dict`` (démographie) et
    ``HypothesesScenario.from_dict`` (models/scenarios/hypotheses.py) l'appellent toutes deux."""
    inconnus = set(d) - set(classe.__dataclass_fields__)
    if inconnus:
        raise ErreurScenario(f"{sorted(inconnus)[0]} : paramètre de scénario inconnu.")


@dataclass
class ProgrammeLogement:
    """Un programme de logements neufs : ``logements_par_an`` livrés chaque année de
    ``annee_debut`` à ``annee_fin`` (incluses) dans ``code_commune``.

    Les habitants arrivent en supplément de la tendance migratoire et sont comptés au 1er janvier
    suivant la livraison. ``personnes_par_logement`` : par défaut la taille moyenne des ménages
    (INSEE, ~2,2, ``parametres_nationaux.csv``). ``profil_age`` : ``None`` pour le profil par défaut
    (``profil_nouveaux_arrivants.csv``, hypothèse « jeunes ménages avec enfants ») ou un dictionnaire
    ``{age: part}`` appliqué aux deux sexes à parts égales.
    """

    code_commune: str
    logements_par_an: float
    annee_debut: int
    annee_fin: int
    personnes_par_logement: float | None = None
    profil_age: dict[int, float] | None = None

    def valider(self, i: int = 0) -> None:
        p = f"programmes_logement[{i}]"
        if not str(self.code_commune).strip():
            raise ErreurScenario(f"{p}.code_commune : code commune vide.")
        if not 0 <= self.logements_par_an <= 10_000:
            raise ErreurScenario(
                f"{p}.logements_par_an : doit être entre 0 et 10 000 logements par an, "
                f"reçu {self.logements_par_an}."
            )
        if self.annee_fin < self.annee_debut:
            raise ErreurScenario(
                f"{p}.annee_fin : doit être postérieure ou égale à annee_debut "
                f"({self.annee_debut}), reçu {self.annee_fin}."
            )
        if self.personnes_par_logement is not None and not 0.5 <= self.personnes_par_logement <= 6:
            raise ErreurScenario(
                f"{p}.personnes_par_logement : doit être entre 0,5 et 6 personnes, "
                f"reçu {self.personnes_par_logement}."
            )
        if self.profil_age is not None:
            if not self.profil_age or any(
                not 0 <= int(a) <= 100 or v < 0 for a, v in self.profil_age.items()
            ):
                raise ErreurScenario(
                    f"{p}.profil_age : parts positives attendues pour des âges de 0 à 100."
                )
            if sum(self.profil_age.values()) <= 0:
                raise ErreurScenario(f"{p}.profil_age : la somme des parts doit être positive.")


@dataclass
class Scenario:
    """Hypothèses d'une projection.

    Attributes:
        nom: identifiant court (ex. ``central``) ; ``libelle``: texte affiché.
        horizon: dernière année projetée (1er janvier), 2070 au plus.
        fecondite_ecart: écart d'indicateur conjoncturel de fécondité (enfants par femme) appliqué
            au niveau local observé, de -1 à +1 (variantes INSEE : ±0,2).
        icf_cible: si renseigné, ICF visé pour l'ensemble du territoire (remplace l'écart).
        esperance_vie: ``centrale``, ``haute`` (+2 ans en 2070) ou ``basse`` (-2 ans).
        migration_multiplicateur: multiplie les soldes migratoires récents (0,5 / 1 / 1,5).
        programmes_logement: logements neufs supplémentaires (voir ``ProgrammeLogement``).
    """

    nom: str = "central"
    libelle: str = "Scénario central"
    horizon: int = 2050
    fecondite_ecart: float = 0.0
    icf_cible: float | None = None
    esperance_vie: str = "centrale"
    migration_multiplicateur: float = 1.0
    programmes_logement: list[ProgrammeLogement] = field(default_factory=list)
    description: str = ""

    def valider(self, annee_base: int | None = None) -> Scenario:
        """Refuse les valeurs impossibles.

        Raises:
            ErreurScenario: message français nommant le paramètre, la plage admise et la valeur.
        """
        if not str(self.nom).strip():
            raise ErreurScenario("nom : le scénario doit avoir un nom.")
        if not isinstance(self.horizon, int) or not ANNEE_MIN <= self.horizon <= ANNEE_MAX:
            raise ErreurScenario(
                f"horizon : doit être une année de {ANNEE_MIN} à {ANNEE_MAX}, reçu {self.horizon}."
            )
        if annee_base is not None and self.horizon <= annee_base:
            raise ErreurScenario(
                f"horizon : doit être postérieur à l'année de départ {annee_base}, reçu {self.horizon}."
            )
        if not -1 <= self.fecondite_ecart <= 1:
            raise ErreurScenario(
                "fecondite_ecart : doit être entre -1 et +1 enfant par femme, "
                f"reçu {self.fecondite_ecart:g}."
            )
        if self.icf_cible is not None and not 0.5 <= self.icf_cible <= 4:
            raise ErreurScenario(
                f"icf_cible : doit être entre 0,5 et 4 enfants par femme, reçu {self.icf_cible:g}."
            )
        if self.esperance_vie not in ESPERANCES:
            raise ErreurScenario(
                f"esperance_vie : valeur attendue parmi {', '.join(ESPERANCES)}, "
                f"reçu {self.esperance_vie!r}."
            )
        if not 0 <= self.migration_multiplicateur <= 3:
            raise ErreurScenario(
                "migration_multiplicateur : doit être entre 0 et 3, "
                f"reçu {self.migration_multiplicateur:g}."
            )
        for i, prog in enumerate(self.programmes_logement):
            prog.valider(i)
        return self

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict) -> Scenario:
        d = dict(d)
        refuser_parametres_inconnus(cls, d)
        progs = []
        for p in d.pop("programmes_logement", []) or []:
            p = dict(p)
            if p.get("profil_age") is not None:
                p["profil_age"] = {int(a): float(v) for a, v in p["profil_age"].items()}
            progs.append(ProgrammeLogement(**p))
        return cls(**d, programmes_logement=progs)

    @classmethod
    def from_json(cls, texte: str) -> Scenario:
        return cls.from_dict(json.loads(texte))


def scenarios_standard(horizon: int = 2050) -> list[Scenario]:
    """Le jeu standard : central, fécondité haute/basse, espérance de vie haute/basse,
    migrations hautes/basses (variantes d'une seule hypothèse à la fois, comme l'INSEE)."""
    return [
        Scenario("central", "Scénario central", horizon),
        Scenario(
            "fecondite_haute",
            "Fécondité haute (+0,2 enfant par femme)",
            horizon,
            fecondite_ecart=0.2,
        ),
        Scenario(
            "fecondite_basse",
            "Fécondité basse (−0,2 enfant par femme)",
            horizon,
            fecondite_ecart=-0.2,
        ),
        Scenario(
            "esperance_vie_haute",
            "Espérance de vie haute (+2 ans en 2070)",
            horizon,
            esperance_vie="haute",
        ),
        Scenario(
            "esperance_vie_basse",
            "Espérance de vie basse (−2 ans en 2070)",
            horizon,
            esperance_vie="basse",
        ),
        Scenario(
            "migrations_hautes",
            "Migrations hautes (soldes ×1,5)",
            horizon,
            migration_multiplicateur=1.5,
        ),
        Scenario(
            "migrations_basses",
            "Migrations basses (soldes ×0,5)",
            horizon,
            migration_multiplicateur=0.5,
        ),
    ]
