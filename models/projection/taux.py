"""Estimation des taux locaux : mortalité, fécondité, migrations, avec mutualisation commune -> EPCI
-> territoire pour que les petites communes n'aient pas de taux absurdes.

Méthode (inspirée d'Omphale, INSEE ; voir REFERENCE.md §1 D5) :

- **Mortalité** : quotients nationaux par sexe et âge (``ReferenceNationale``), multipliés par un
  indice comparatif de mortalité (ICM, « SMR ») = décès observés / décès attendus sur la fenêtre
  récente (jusqu'à 5 ans). L'ICM est mutualisé par crédibilité (modèle Poisson-gamma) :
  ``ICM_c = (O_c + K * ICM_epci) / (A_c + K)`` où O et A sont les décès observés et attendus et
  ``K`` (100 décès attendus par défaut) le poids du niveau supérieur ; de même EPCI -> territoire
  et territoire -> 1 (national).
- **Fécondité** : forme nationale des taux par âge, niveau recalé par le rapport naissances
  observées / attendues, mutualisé de la même façon (``K`` = 50 naissances).
- **Naissances et décès sans détail** : à défaut des tables détaillées (naissances par sexe,
  décès par sexe et âge), les totaux de l'état civil communal (une année) ou des séries
  historiques du recensement (NAIS1521, DECE1521 : période intercensitaire, ramenée à une
  moyenne annuelle) donnent les naissances et décès observés de la commune ; les décès sont
  répartis par âge comme les décès attendus.
- **Sans aucune naissance locale** (territoire réel sans état civil, départements du banc
  d'essai) : le niveau est tiré des enfants nés dans la fenêtre et présents au départ (moins de
  5 ans), rapportés aux naissances qu'auraient eues les femmes présentes au niveau national,
  corrigées de la survie et de la migration nette des enfants (mesurée sur la cohorte des
  0-4 ans au recensement précédent), mutualisé avec ``K`` = 100 naissances équivalentes (le
  double de celui des naissances : les enfants présents mêlent à l'aléa des naissances celui de
  leurs migrations ; valeur fixée a priori). Avant (``fecondite_sans_naissances="nationale"``),
  le niveau restait national et l'écart passait par le solde migratoire des nouveau-nés, que les
  scénarios de migration multipliaient. Sur les rétro-projections départementales, les deux
  donnent la même erreur (0-4 ans : 7,2 % en moyenne des 15 fenêtres-horizons, à ±0,2 point
  près dans chacune) : l'erreur à 0-4 ans y est surtout le niveau national de fécondité, commun
  à tous les départements (biais moyen de -12 % à +14 % selon la fenêtre, écart type entre
  départements de 2 à 9 points).
- **Migrations** : soldes migratoires par sexe et âge par la méthode des résidus entre
  recensements successifs de la fenêtre (P(t+k, a+k) - P(t, a) + décès de la cohorte), répartis
  uniformément sur les k années et rapportés à la population exposée (taux nets par personne et par
  an, âge au 1er janvier). Les effectifs et expositions sont lissés sur l'âge par un noyau gaussien
  (largeur 2,5 ans) ; la forme par âge d'une commune est mutualisée avec celle de son EPCI, elle-même
  avec le territoire (crédibilité par cellule : ``w = exposition / (exposition + K_forme)``) ; le
  niveau d'ensemble propre à la commune est ensuite réintroduit avec un poids
  ``exposition totale / (exposition totale + K_niveau)``. Les taux sont bornés à ±30 % par an
  (cellules bornées signalées).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.linalg import solveh_banded

from .entrees import DonneesProjection
from .reference import N_AGES, ReferenceNationale, charger_reference

BORNES_FECONDITE_ENFANTS = (0.5, 2.5)  # facteur de fécondité tiré des enfants, vraisemblable


@dataclass
class ParametresEstimation:
    """Réglages de l'estimation (valeurs par défaut documentées dans le module)."""

    fenetre_annees: int = 5
    k_mortalite: float = 100.0  # décès attendus
    k_fecondite: float = 50.0  # naissances attendues
    k_forme_migration: float = 300.0  # personnes-années par cellule sexe x âge
    k_niveau_migration: float = 1500.0  # personnes-années par commune
    k_migration_naissance: float = 100.0  # naissances
    largeur_lissage: float = 2.5  # années (profil « noyau » seulement)
    borne_taux_migration: float = 0.30
    profil_migration: str = "deconvolution"  # ou "noyau" (méthode d'avant l'issue 19)
    lissage_profil: float = 2.0  # poids de la pénalité de courbure (profil « deconvolution »)
    # au-delà de cet âge (transition linéaire sur 20 ans centrée ici), profil « noyau » : les soldes
    # des âges élevés mêlent migrations et écart de mortalité, mieux estimés lissés
    age_relais_noyau: float = 50.0
    # Niveau national de fécondité par année, rapporté à l'ICF de référence (``{annee: rapport}``),
    # pour les naissances de la fenêtre quand les naissances locales manquent ; et niveau national
    # de départ de la projection (dernière année connue). Sans eux : niveau de référence constant.
    fecondite_nationale: dict[int, float] | None = None
    fecondite_depart: float | None = None
    # Sans naissances locales : « enfants » (niveau estimé d'après les moins de 5 ans au départ,
    # issue 19) ou « nationale » (niveau national, l'écart local passant par le solde migratoire
    # des nouveau-nés : méthode d'avant).
    fecondite_sans_naissances: str = "enfants"
    # poids a priori, en naissances équivalentes : le double de celui des naissances, car les
    # enfants présents mêlent à l'aléa des naissances celui de leurs migrations (fixé a priori, non
    # ajusté sur les rétro-projections qui le jugent ; sans effet sur un département, très au-delà)
    k_fecondite_enfants: float = 100.0
    # Taux annuel de résorption de l'écart (en log) entre le niveau tiré des enfants et le niveau
    # national : facteur(t) = national × écart^exp(-taux × t). 0 : écart tenu constant (Omphale).
    # Les rétro-projections départementales montrent un retour vers la moyenne dans chaque fenêtre
    # (les départements à forte fécondité estimée sont surestimés à 0-4 ans) ; la valeur est
    # ajustée sur les fenêtres par ``models.projection.fiabilite.ajuster_convergence_fecondite``
    # et jugée par fenêtres exclues (bench/backtest_projection.py --comparer-fecondite).
    convergence_fecondite_enfants: float = 0.0


@dataclass
class ModeleProjection:
    """Taux estimés sur un territoire, prêts à être projetés sous n'importe quel scénario.

    Tableaux indexés ``[commune, sexe - 1, age]`` dans l'ordre de ``codes``.
    """

    codes: np.ndarray
    code_epci: np.ndarray
    code_territoire: np.ndarray
    annee_base: int
    population_base: np.ndarray  # (C, 2, 101)
    icm: np.ndarray  # (C,)
    facteur_fecondite: np.ndarray  # (C,)
    migration: np.ndarray  # (C, 2, 101) taux nets annuels
    migration_naissance: np.ndarray  # (C, 2) solde des nés de l'année par naissance
    exposition_migration: np.ndarray  # (C,) personnes-années de la fenêtre
    reference: ReferenceNationale
    niveaux: pd.DataFrame
    alertes: pd.DataFrame
    historique: pd.DataFrame  # population totale observée par commune et année
    annees_fenetre: tuple[int, int] = (0, 0)
    sources: dict = field(default_factory=dict)
    # résorption de l'écart local de fécondité (taux annuel, 0 = écart constant) et niveau
    # national de départ auquel il se rapporte (voir ``ParametresEstimation``)
    convergence_fecondite: np.ndarray | None = None
    niveau_fecondite_national: float = 1.0

    def facteurs_fecondite(self, n_annees: int) -> np.ndarray:
        """Facteur de fécondité de chaque commune pour les ``n_annees`` années projetées, (T, C) :
        constant, ou écart au niveau national résorbé au taux ``convergence_fecondite``."""
        base = np.broadcast_to(self.facteur_fecondite[None, :], (n_annees, self.n_communes))
        conv = self.convergence_fecondite
        if conv is None or not np.any(conv > 0):
            return base
        nat = self.niveau_fecondite_national
        ecart = np.log(np.maximum(self.facteur_fecondite / nat, 1e-9))
        t = np.arange(n_annees)[:, None] + 0.5
        return nat * np.exp(ecart[None, :] * np.exp(-conv[None, :] * t))

    @property
    def n_communes(self) -> int:
        return len(self.codes)

    def taux(self) -> pd.DataFrame:
        """Taux retenus en format long (diagnostic) : commune, sexe, âge, quotient de mortalité
        de l'année de base, taux de migration net, taux de fécondité."""
        C = self.n_communes
        qn = self.reference.q_cohorte[None, :, :] * self.icm[:, None, None]
        fec = np.zeros((C, 2, N_AGES))
        fec[:, 1, :] = self.reference.fecondite_cohorte[None, :] * self.facteur_fecondite[:, None]
        idx = pd.MultiIndex.from_product(
            [self.codes, [1, 2], range(N_AGES)], names=["code_commune", "sexe", "age"]
        )
        return pd.DataFrame(
            {
                "quotient_mortalite": np.minimum(qn, 1.0).ravel(),
                "taux_migration": self.migration.ravel(),
                "taux_fecondite": fec.ravel(),
            },
            index=idx,
        ).reset_index()


# --------------------------------------------------------------------------- tableaux
def _en_tableau(df: pd.DataFrame, codes: pd.Index, valeur: str, avec_age: bool = True) -> dict:
    """{annee: tableau (C, 2, 101) ou (C, 2)} à partir d'un DataFrame long."""
    res = {}
    ci = codes.get_indexer(df["code_commune"])
    garde = ci >= 0
    df = df[garde]
    ci = ci[garde]
    for annee, idx in df.groupby("annee").indices.items():
        forme = (len(codes), 2, N_AGES) if avec_age else (len(codes), 2)
        arr = np.zeros(forme)
        s = df["sexe"].to_numpy()[idx] - 1
        if avec_age:
            np.add.at(arr, (ci[idx], s, df["age"].to_numpy()[idx]), df[valeur].to_numpy()[idx])
        else:
            np.add.at(arr, (ci[idx], s), df[valeur].to_numpy()[idx])
        res[int(annee)] = arr
    return res


def quotients_nationaux(ref: ReferenceNationale, annee: int, intensite: np.ndarray) -> np.ndarray:
    """Quotients nationaux (âge au 1er janvier) de l'année, forme (2, 101), et des nés de l'année
    en plus : renvoie (q (2, 101), q_naissance (2,))."""
    t = annee - ref.annee_base
    q = ref.q_cohorte * np.exp(-intensite[:, None] * ref.baisse_cohorte * t)
    qn = ref.q_naissance * np.exp(-intensite * ref.baisse_atteint[:, 0] * t)
    return np.minimum(q, 1.0), qn


def intensites(ref: ReferenceNationale, variante: str = "centrale") -> np.ndarray:
    """Intensité de la baisse de mortalité par sexe pour atteindre l'espérance de vie 2070 visée."""
    ecart = {"centrale": 0.0, "haute": 1.0, "basse": -1.0}[variante]
    ecart *= ref.parametre("ecart_esperance_vie_variante")
    return np.array(
        [
            ref.intensite_pour(1, 2070, ref.parametre("esperance_vie_2070_hommes") + ecart),
            ref.intensite_pour(2, 2070, ref.parametre("esperance_vie_2070_femmes") + ecart),
        ]
    )


def _noyau(largeur: float) -> np.ndarray:
    """Matrice de lissage (101 x 101) conservant la masse : colonne j = poids de j vers chaque âge."""
    a = np.arange(N_AGES)
    k = np.exp(-0.5 * ((a[:, None] - a[None, :]) / largeur) ** 2)
    return k / k.sum(axis=0, keepdims=True)


def _credibilite(obs, att, k, a_priori):
    """Estimation de crédibilité Poisson-gamma du rapport observé / attendu."""
    return (obs + k * a_priori) / (att + k), att / (att + k)


def _agreger(x: np.ndarray, groupes: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((n,) + x.shape[1:])
    np.add.at(out, groupes, x)
    return out


def _credibilite_emboitee(obs, att, k, terr_idx, T, epci_idx, E, epci_terr):
    """Rapport observé / attendu de chaque commune, mutualisé en cascade : territoire (a priori
    1), puis EPCI (a priori : son territoire), puis commune (a priori : son EPCI).

    Returns:
        (rapport par commune, poids de crédibilité de la commune).
    """
    r_t, _ = _credibilite(_agreger(obs, terr_idx, T), _agreger(att, terr_idx, T), k, 1.0)
    r_e, _ = _credibilite(_agreger(obs, epci_idx, E), _agreger(att, epci_idx, E), k, r_t[epci_terr])
    return _credibilite(obs, att, k, r_e[epci_idx])


def _presence(df: pd.DataFrame | None, codes: pd.Index) -> dict[int, np.ndarray]:
    """{annee: (C,) booléen} : la table détaillée couvre la commune cette année-là.

    Les tables détaillées sont creuses (pas de ligne pour zéro décès à un âge) : une commune
    présente dans la table une année au moins est couverte toutes les années de la table (une
    absence y vaut zéro) ; une commune absente de la table ne l'est jamais (inconnue : l'état civil
    sans détail, puis le niveau de l'EPCI, prennent le relais).
    """
    if df is None or df.empty:
        return {}
    m = codes.isin(df["code_commune"].unique())
    return {int(annee): m.copy() for annee in df["annee"].unique()}


def _etat_civil_annuel(
    ec: pd.DataFrame | None, codes: pd.Index
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Naissances et décès totaux par commune et année, tirés de l'état civil sans détail.

    Une ligne couvre les années ``annee_debut`` à ``annee_fin - 1`` (événements du 1er janvier
    de la première au 1er janvier de la dernière : une année de l'état civil communal, ou une
    période intercensitaire des séries historiques comme NAIS1521 = 2015 à 2020) ; son total est
    réparti également entre ses années (moyenne annuelle). Une période plus courte l'emporte sur
    une plus longue qui la recouvre (l'année connue plutôt que la moyenne de la période).

    Returns:
        ``({annee: naissances (C,)}, {annee: décès (C,)})``, NaN là où rien n'est connu.
    """
    sorties: tuple[dict[int, np.ndarray], dict[int, np.ndarray]] = ({}, {})
    if ec is None or ec.empty:
        return sorties
    ci = codes.get_indexer(ec["code_commune"])
    ec = ec.assign(ci=ci)[ci >= 0]
    ec = ec.assign(duree=ec["annee_fin"] - ec["annee_debut"]).sort_values(
        "duree", ascending=False, kind="stable"
    )
    for sortie, colonne in zip(sorties, ("naissances", "deces"), strict=True):
        lignes = ec[ec[colonne].notna()]
        for c, a0, a1, v, n in zip(
            lignes["ci"], lignes["annee_debut"], lignes["annee_fin"], lignes[colonne],
            lignes["duree"], strict=True,
        ):  # fmt: skip
            for y in range(int(a0), int(a1)):
                sortie.setdefault(y, np.full(len(codes), np.nan))[c] = v / n
    return sorties


def _connus(y, detail, presence, ec, n) -> np.ndarray:
    """(C,) booléen : événements de l'année ``y`` connus (détaillés ou totaux)."""
    connus = presence.get(y, np.zeros(n, bool)) if y in detail else np.zeros(n, bool)
    if y in ec:
        connus = connus | ~np.isnan(ec[y])
    return connus


def _enfants_observes_attendus(pops, interp, paires, ref, inten, icm, niveau_nat):
    """Enfants nés dans la fenêtre et présents à la fin de chaque intervalle, observés et attendus
    au niveau national de fécondité : leur rapport estime le niveau local quand les naissances
    manquent (rapport enfants / femmes, à la manière des estimations indirectes de fécondité).

    Pour chaque intervalle ``y0 -> y1`` (``k`` ans) : observés = les 0 à ``k - 1`` ans en ``y1`` ;
    attendus = Σ sur les années de naissance ``y`` de (femmes présentes × taux nationaux par âge ×
    niveau national de l'année) × survie jusqu'en ``y1`` (quotients locaux) × (1 + m × durée), où
    m est le taux net annuel de migration des enfants, mesuré sur la cohorte des 0 à ``k - 1`` ans
    en ``y0`` (``k`` à ``2k - 1`` ans en ``y1``), qui n'a rien à voir avec la fécondité, et
    ``durée`` les années vécues dans la zone (``y1 - y - 0,5``). Sans cette correction, les familles
    qui arrivent avec leurs jeunes enfants passeraient pour de la fécondité.

    Returns:
        ``(observes (C,), attendus (C,))``.
    """
    fcoh = ref.fecondite_cohorte
    pg = ref.parametre("part_garcons")
    poids_sexe = np.array([pg, 1 - pg])
    C = len(icm)
    obs, att = np.zeros(C), np.zeros(C)
    for y0, y1 in paires:
        k = y1 - y0
        P0, P1 = pops[y0], pops[y1]
        m_enf = np.zeros(C)
        if 2 * k <= 100:
            depart = P0[:, :, :k].sum(axis=(1, 2))
            arrivee = P1[:, :, k : 2 * k].sum(axis=(1, 2))
            morts = np.zeros(C)
            for j in range(k):
                q, _ = quotients_nationaux(ref, y0 + j, inten)
                qloc = np.minimum(q[None] * icm[:, None, None], 1.0)
                morts += (interp[y0 + j][:, :, j : j + k] * qloc[:, :, j : j + k]).sum(axis=(1, 2))
            expo = k * (depart + arrivee) / 2
            m_enf = np.where(expo > 0, (arrivee - depart + morts) / np.where(expo > 0, expo, 1), 0)
            m_enf = np.clip(m_enf, -0.1, 0.1)
        obs += P1[:, :, :k].sum(axis=(1, 2))
        for j in range(k):
            y = y0 + j
            b = (interp[y][:, 1, :] * fcoh[None]).sum(axis=1) * niveau_nat[y]
            _, qn = quotients_nationaux(ref, y, inten)
            survie = 1 - np.minimum(qn[None] * icm[:, None], 1.0)  # (C, 2)
            for t in range(j + 1, k):
                q_t, _ = quotients_nationaux(ref, y0 + t, inten)
                survie = survie * (1 - np.minimum(q_t[None, :, t - j - 1] * icm[:, None], 1.0))
            att += b * (survie @ poids_sexe) * (1 + m_enf * (k - j - 0.5))
    return obs, att


def profil_deconvolue(equations, n_zones: int, lissage: float) -> np.ndarray:
    """Taux nets de migration par âge qui reproduisent les soldes de chaque cohorte.

    Chaque cohorte suivie d'un recensement à l'autre donne une équation
    ``R = Σ_x m(x) × E(x)`` (solde résiduel = somme, sur les âges parcourus, du taux à l'âge par
    l'exposition à cet âge ; ``x = 0`` pour les nés de l'année, exposés par leurs naissances).
    Répartir ``R`` uniformément sur les âges parcourus (méthode « noyau ») étale un pic étroit
    comme le départ des étudiants à 18-20 ans sur une dizaine d'années ; ici on cherche le profil
    par âge ``m`` qui reproduit au mieux tous les soldes de cohorte (moindres carrés pondérés par
    l'inverse de l'exposition de la cohorte, variance de type Poisson), avec une pénalité de
    courbure (différences secondes, à la Whittaker-Henderson) qui donne un profil lisse du type
    Rogers-Castro sans en imposer la forme paramétrique. Poids de la pénalité :
    ``lissage × exposition moyenne par âge`` (même force relative pour une petite et une grande
    zone ; la mutualisation avec l'EPCI se fait ensuite par crédibilité).

    Returns:
        tableau (zones, 2, 1 + 101) : colonne 0 = solde des nés de l'année par naissance, colonne
        1 + a = taux net annuel à l'âge a.
    """
    n = 1 + N_AGES
    bande = max([max(c) - min(c) for _, c in equations] + [2])
    ab = np.zeros((n_zones, 2, bande + 1, n))  # stockage bande supérieure (solveh_banded)
    b = np.zeros((n_zones, 2, n))
    for R, coef in equations:
        idx = sorted(coef)
        vals = [np.broadcast_to(coef[i], (n_zones, 2)) for i in idx]
        w = 1.0 / np.maximum(sum(vals), 1.0)
        for p, i in enumerate(idx):
            b[:, :, i] += w * vals[p] * R
            for q in range(p, len(idx)):
                j = idx[q]
                ab[:, :, bande - (j - i), j] += w * vals[p] * vals[q]
    diag = ab[:, :, bande, :].copy()
    # pénalité Σ_r λ_r (v[r] - 2 v[r+1] + v[r+2])² sur la suite (nés de l'année, 0, 1, ..., 100) :
    # les nés de l'année prolongent le profil (sinon colinéaires avec les âges 0-3) ; λ_r est
    # proportionnel à l'information locale (diagonale au centre r + 1), pour que la pénalité ne
    # domine pas plus aux grands âges, peu peuplés, qu'aux âges actifs.
    lam = lissage * diag[:, :, 1 : n - 1]  # (zones, 2, n - 2)
    c = np.array([1.0, -2.0, 1.0])
    for r in range(n - 2):
        for u in range(3):
            for v in range(u, 3):
                i, j = r + u, r + v
                ab[:, :, bande - (j - i), j] += lam[:, :, r] * c[u] * c[v]
    ab[:, :, bande, :] += 1e-6 * np.maximum(diag.mean(axis=2, keepdims=True), 1.0) + 1e-9
    sortie = np.zeros((n_zones, 2, n))
    for c in range(n_zones):
        for s in range(2):
            sortie[c, s] = solveh_banded(ab[c, s], b[c, s])
    return sortie


# --------------------------------------------------------------------------- estimation
def estimer_modele(
    donnees: DonneesProjection,
    reference: ReferenceNationale | None = None,
    parametres: ParametresEstimation | None = None,
) -> ModeleProjection:
    """Estime les taux locaux à partir des données observées.

    Args:
        donnees: population (au moins deux années), communes, naissances et décès facultatifs.
        reference: paramètres nationaux ; par défaut ``charger_reference()``.
        parametres: réglages de mutualisation et de lissage.

    Returns:
        Un ``ModeleProjection`` (partie lente, faite une fois ; projeter ensuite chaque scénario).

    Raises:
        ErreurDonnees: données incohérentes (message en français).
    """
    d = donnees.valider()
    ref = reference or charger_reference()
    prm = parametres or ParametresEstimation()
    alertes: list[dict] = []

    com = d.communes.set_index("code_commune")
    codes = pd.Index(sorted(d.population["code_commune"].unique()))
    C = len(codes)
    epci_codes, epci_idx = np.unique(com.loc[codes, "code_epci"].to_numpy(), return_inverse=True)
    terr_codes, terr_idx = np.unique(
        com.loc[codes, "code_territoire"].to_numpy(), return_inverse=True
    )
    E, T = len(epci_codes), len(terr_codes)
    epci_terr = np.zeros(E, int)
    epci_terr[epci_idx] = terr_idx

    pops = _en_tableau(d.population, codes, "population")
    annees = sorted(pops)
    annee_base = annees[-1]
    debut = max([a for a in annees if a <= annee_base - prm.fenetre_annees], default=annees[0])
    fen = [a for a in annees if a >= debut]
    paires = list(zip(fen[:-1], fen[1:], strict=True))
    deces = _en_tableau(d.deces, codes, "deces") if d.deces is not None else {}
    naiss = (
        _en_tableau(d.naissances, codes, "naissances", avec_age=False)
        if d.naissances is not None
        else {}
    )
    # communes qui ont une ligne de naissances (de décès) détaillées chaque année
    a_naiss = _presence(d.naissances, codes)
    a_deces = _presence(d.deces, codes)
    # état civil sans détail (totaux annuels de la commune, ou d'une période intercensitaire
    # ramenés à une moyenne annuelle) : {annee: (C,) avec NaN là où rien n'est connu}
    ec_naiss, ec_deces = _etat_civil_annuel(d.etat_civil, codes)
    inten = intensites(ref, "centrale")
    pg = ref.parametre("part_garcons")

    # Population interpolée le long des cohortes pour chaque année de la fenêtre
    interp: dict[int, np.ndarray] = {}
    for y0, y1 in paires:
        k = y1 - y0
        P0, P1 = pops[y0], pops[y1]
        for j in range(k):
            Pj = np.zeros_like(P0)
            for a in range(N_AGES):
                fin = min(a + k - j, 100)
                if a >= j:
                    Pj[:, :, a] = (1 - j / k) * P0[:, :, a - j] + (j / k) * P1[:, :, fin]
                else:
                    Pj[:, :, a] = P1[:, :, fin]
            interp[y0 + j] = Pj
    annees_exp = sorted(interp)

    # ---- mortalité : ICM mutualisé (décès détaillés, sinon totaux de l'état civil)
    obs_d = np.zeros(C)
    att_d = np.zeros(C)
    connus_d = {y: _connus(y, deces, a_deces, ec_deces, C) for y in annees_exp}
    deces_tot = {
        y: np.where(a_deces.get(y, np.zeros(C, bool)), deces[y].sum(axis=(1, 2)), 0.0)
        if y in deces
        else np.zeros(C)
        for y in annees_exp
    }
    for y in annees_exp:
        ec = ec_deces.get(y)
        if ec is not None:
            deces_tot[y] = np.where(
                a_deces.get(y, np.zeros(C, bool)), deces_tot[y], np.nan_to_num(ec)
            )
    annees_d = [y for y in annees_exp if connus_d[y].any()]
    for y in annees_d:
        q, _ = quotients_nationaux(ref, y, inten)
        obs_d += np.where(connus_d[y], deces_tot[y], 0.0)
        att_d += np.where(connus_d[y], (interp[y] * q[None]).sum(axis=(1, 2)), 0.0)
    if annees_d:
        icm, poids_icm = _credibilite_emboitee(
            obs_d, att_d, prm.k_mortalite, terr_idx, T, epci_idx, E, epci_terr
        )
    else:
        icm, poids_icm = np.ones(C), np.zeros(C)
        alertes.append(
            {
                "code_commune": "*",
                "annee": annee_base,
                "type": "deces_absents",
                "message": "Décès locaux absents : quotients nationaux appliqués sans ajustement local.",
            }
        )

    # ---- fécondité : facteur mutualisé (naissances détaillées, sinon totaux de l'état civil)
    fcoh = ref.fecondite_cohorte
    obs_n = np.zeros(C)
    att_n = np.zeros(C)
    connus_n = {y: _connus(y, naiss, a_naiss, ec_naiss, C) for y in annees_exp}
    naiss_obs: dict[int, np.ndarray] = {}  # (C, 2) là où connues
    for y in annees_exp:
        b = np.zeros((C, 2))
        if y in naiss:
            b = np.where(a_naiss[y][:, None], naiss[y], 0.0)
        ec = ec_naiss.get(y)
        if ec is not None:
            tot = np.nan_to_num(ec)
            sans_detail = ~a_naiss.get(y, np.zeros(C, bool))
            b = np.where(sans_detail[:, None], np.stack([tot * pg, tot * (1 - pg)], 1), b)
        naiss_obs[y] = b
    annees_n = [y for y in annees_exp if connus_n[y].any()]
    for y in annees_n:
        obs_n += np.where(connus_n[y], naiss_obs[y].sum(axis=1), 0.0)
        att_n += np.where(connus_n[y], (interp[y][:, 1, :] * fcoh[None]).sum(axis=1), 0.0)
    niveau_nat = {y: (prm.fecondite_nationale or {}).get(y, 1.0) for y in annees_exp}
    sans_naissances = att_n <= 0
    if annees_n:
        ffec, poids_fec = _credibilite_emboitee(
            obs_n, att_n, prm.k_fecondite, terr_idx, T, epci_idx, E, epci_terr
        )
    else:
        ffec, poids_fec = np.ones(C), np.zeros(C)
    source_fec = np.where(sans_naissances, "nationale", "naissances").astype(object)
    enf_obs, enf_att = np.zeros(C), np.zeros(C)
    if sans_naissances.any() and prm.fecondite_sans_naissances == "enfants":
        enf_obs, enf_att = _enfants_observes_attendus(
            pops, interp, paires, ref, inten, icm, niveau_nat
        )
        f_enf, w_enf = _credibilite_emboitee(
            enf_obs, enf_att, prm.k_fecondite_enfants, terr_idx, T, epci_idx, E, epci_terr
        )
        # bornes de vraisemblance (ICF de 0,9 à 4,5 enfants par femme pour un ICF de référence
        # de 1,8) : au-delà, des effectifs incohérents (une année de recensement incomplète)
        bornes = (f_enf < BORNES_FECONDITE_ENFANTS[0]) | (f_enf > BORNES_FECONDITE_ENFANTS[1])
        for ci in np.nonzero(bornes & sans_naissances)[0]:
            alertes.append(
                {
                    "code_commune": codes[ci],
                    "annee": annee_base,
                    "type": "fecondite_bornee",
                    "message": f"Niveau de fécondité tiré des enfants ({f_enf[ci]:.2f} fois le "
                    "niveau de référence) hors des bornes vraisemblables : ramené entre "
                    f"{BORNES_FECONDITE_ENFANTS[0]} et {BORNES_FECONDITE_ENFANTS[1]}.",
                }
            )
        f_enf = np.clip(f_enf, *BORNES_FECONDITE_ENFANTS)
        ffec = np.where(sans_naissances, f_enf, ffec)
        poids_fec = np.where(sans_naissances, w_enf, poids_fec)
        source_fec[sans_naissances] = "enfants_0_4"
    elif prm.fecondite_sans_naissances not in ("enfants", "nationale"):
        raise ValueError(
            "fecondite_sans_naissances : « enfants » ou « nationale » attendu, reçu "
            f"{prm.fecondite_sans_naissances!r}."
        )
    if sans_naissances.any():
        message = (
            "Naissances locales absentes : niveau de fécondité estimé d'après les enfants de "
            "moins de 5 ans au départ (rapport aux naissances attendues des femmes présentes, "
            "corrigé de la survie et des migrations des enfants), mutualisé avec l'EPCI et le "
            "territoire."
            if prm.fecondite_sans_naissances == "enfants"
            else "Naissances locales absentes : fécondité nationale appliquée."
        )
        for code in ["*"] if sans_naissances.all() else codes[sans_naissances]:
            alertes.append(
                {
                    "code_commune": code,
                    "annee": annee_base,
                    "type": "naissances_absentes",
                    "message": message,
                }
            )

    # ---- migrations : résidus par cohorte
    mig = np.zeros((C, 2, N_AGES))
    expo = np.zeros((C, 2, N_AGES))
    mig_n = np.zeros((C, 2))
    expo_n = np.zeros((C, 2))
    # équations de cohorte pour le profil déconvolué : variable 0 = nés de l'année, 1 + a = âge a
    equations: list[tuple[np.ndarray, dict[int, np.ndarray]]] = []
    for y0, y1 in paires:
        k = y1 - y0
        P0, P1 = pops[y0], pops[y1]
        Dj, Bj, qnj = [], [], []
        for j in range(k):
            y = y0 + j
            q, qn = quotients_nationaux(ref, y, inten)
            qloc = np.minimum(q[None] * icm[:, None, None], 1.0)
            # décès : détaillés ; sinon attendus par âge, ramenés au total observé s'il est connu
            attendus = interp[y] * qloc
            if connus_d[y].any():
                tot_att = attendus.sum(axis=(1, 2))
                echelle = np.where(
                    connus_d[y] & (tot_att > 0), deces_tot[y] / np.where(tot_att > 0, tot_att, 1), 1
                )
                attendus = attendus * echelle[:, None, None]
            if y in deces:
                attendus = np.where(a_deces[y][:, None, None], deces[y], attendus)
            Dj.append(attendus)
            # naissances : observées ; sinon attendues au niveau local estimé
            b = (interp[y][:, 1, :] * fcoh[None]).sum(axis=1) * ffec * niveau_nat[y]
            b = np.stack([b * pg, b * (1 - pg)], axis=1)
            Bj.append(np.where(connus_n[y][:, None], naiss_obs[y], b))
            qnj.append(np.minimum(qn[None] * icm[:, None], 1.0))
        for j in range(k):
            expo[:, :, :] += interp[y0 + j]
        # cohortes présentes au début : âge a en y0 -> a + k en y1 (100+ regroupé)
        for a in range(N_AGES):
            if a + k < 100:
                fin_ages = [a]
            elif a == 100 - k:
                fin_ages = list(range(100 - k, N_AGES))
            else:
                continue
            R = P1[:, :, min(a + k, 100)] - P0[:, :, fin_ages].sum(axis=2)
            for j in range(k):
                ages_j = [min(x + j, 100) for x in fin_ages]
                R = R + Dj[j][:, :, sorted(set(ages_j))].sum(axis=2)
            coef: dict[int, np.ndarray] = {}
            for j in range(k):
                for x in sorted({min(x + j, 100) for x in fin_ages}):
                    coef[1 + x] = coef.get(1 + x, 0) + interp[y0 + j][:, :, x]
            equations.append((R, coef))
            # répartition : R / k par année, sur les âges parcourus
            for j in range(k):
                ages_j = sorted({min(x + j, 100) for x in fin_ages})
                poids = interp[y0 + j][:, :, ages_j]
                tot = poids.sum(axis=2, keepdims=True)
                part = np.where(tot > 0, poids / np.where(tot > 0, tot, 1), 1 / len(ages_j))
                mig[:, :, ages_j] += (R / k)[:, :, None] * part
        # cohortes nées pendant l'intervalle : nées en y0 + j0, âge k - 1 - j0 en y1
        for j0 in range(k):
            a_fin = k - 1 - j0
            B = Bj[j0]
            R = P1[:, :, a_fin] - B + qnj[j0] * B
            for j in range(j0 + 1, k):
                R = R + Dj[j][:, :, j - j0 - 1]
            n_pas = k - j0
            coef = {0: B}
            for j in range(j0 + 1, k):
                coef[1 + j - j0 - 1] = (
                    coef.get(1 + j - j0 - 1, 0) + interp[y0 + j][:, :, j - j0 - 1]
                )
            equations.append((R, coef))
            mig_n += R / n_pas
            expo_n += B
            for j in range(j0 + 1, k):
                mig[:, :, j - j0 - 1] += R / n_pas

    # ---- lissage et mutualisation
    mig_n_brut = mig_n.copy()
    K = _noyau(prm.largeur_lissage)
    lisse = lambda x: x @ K.T  # noqa: E731  (lissage le long du dernier axe)
    if prm.profil_migration == "deconvolution":
        r_fit = profil_deconvolue(equations, C, prm.lissage_profil)
        m_n, x_n = lisse(mig), lisse(expo)
        poids = np.clip((np.arange(N_AGES) - prm.age_relais_noyau + 10.0) / 20.0, 0.0, 1.0)
        m_c = (1 - poids) * r_fit[:, :, 1:] * expo + poids * m_n * np.where(
            x_n > 0, expo / np.where(x_n > 0, x_n, 1), 0.0
        )
        x_c = expo
        mig_n = r_fit[:, :, 0] * expo_n  # solde des nés de l'année, même profil
    elif prm.profil_migration == "noyau":
        m_c, x_c = lisse(mig), lisse(expo)
    else:
        raise ValueError(
            "profil_migration : « deconvolution » ou « noyau » attendu, reçu "
            f"{prm.profil_migration!r}."
        )
    m_e, x_e = _agreger(m_c, epci_idx, E), _agreger(x_c, epci_idx, E)
    m_t, x_t = _agreger(m_c, terr_idx, T), _agreger(x_c, terr_idx, T)
    taux = lambda m, x: np.where(x > 0, m / np.where(x > 0, x, 1), 0.0)  # noqa: E731
    r_t = taux(m_t, x_t)
    w_e = x_e / (x_e + prm.k_forme_migration)
    r_e = w_e * taux(m_e, x_e) + (1 - w_e) * r_t[epci_terr]
    w_c = x_c / (x_c + prm.k_forme_migration)
    r_c = w_c * taux(m_c, x_c) + (1 - w_c) * r_e[epci_idx]
    # nés de l'année (avant le niveau, qui les compte aussi)
    rn_t = taux(_agreger(mig_n, terr_idx, T), _agreger(expo_n, terr_idx, T))
    ne, xe = _agreger(mig_n, epci_idx, E), _agreger(expo_n, epci_idx, E)
    we = xe / (xe + prm.k_migration_naissance)
    rn_e = we * taux(ne, xe) + (1 - we) * rn_t[epci_terr]
    wn = expo_n / (expo_n + prm.k_migration_naissance)
    rn_c = np.clip(
        wn * taux(mig_n, expo_n) + (1 - wn) * rn_e[epci_idx],
        -prm.borne_taux_migration,
        prm.borne_taux_migration,
    )

    # niveau propre à la commune : solde de toutes les cohortes, nés de la fenêtre compris
    expo_tot = expo.sum(axis=(1, 2))
    solde_obs = mig.sum(axis=(1, 2)) + mig_n_brut.sum(axis=1)
    solde_mutualise = (r_c * expo).sum(axis=(1, 2)) + (rn_c * expo_n).sum(axis=1)
    poids_niveau = expo_tot / (expo_tot + prm.k_niveau_migration)
    delta = np.where(
        expo_tot > 0,
        poids_niveau * (solde_obs - solde_mutualise) / np.where(expo_tot > 0, expo_tot, 1),
        0.0,
    )
    r_c = r_c + delta[:, None, None]
    borne = prm.borne_taux_migration
    bornes = (np.abs(r_c) > borne) & (pops[annee_base] > 0)
    for ci in np.unique(np.nonzero(bornes)[0]):
        alertes.append(
            {
                "code_commune": codes[ci],
                "annee": annee_base,
                "type": "taux_migration_borne",
                "message": f"Taux de migration borné à ±{borne:.0%} pour {int(bornes[ci].sum())} cellule(s) sexe × âge.",
            }
        )
    r_c = np.clip(r_c, -borne, borne)
    if prm.fecondite_depart is not None:
        # naissances locales absentes : niveau local relatif au niveau national de la fenêtre,
        # appliqué au niveau national du départ
        ffec = np.where(sans_naissances, ffec * prm.fecondite_depart, ffec)
    P = pops[annee_base]
    pop_tot = P.sum(axis=(1, 2))
    niveaux = pd.DataFrame(
        {
            "code_commune": codes,
            "code_epci": epci_codes[epci_idx],
            "code_territoire": terr_codes[terr_idx],
            "population_base": pop_tot,
            "deces_observes": obs_d,
            "deces_attendus": att_d,
            "icm": icm,
            "poids_icm_local": poids_icm,
            "naissances_observees": obs_n,
            "naissances_attendues": att_n,
            "facteur_fecondite": ffec,
            "icf_local": ffec * ref.icf,
            "poids_fecondite_local": poids_fec,
            "source_fecondite": source_fec,
            "enfants_observes": enf_obs,
            "enfants_attendus": enf_att,
            "solde_migratoire_observe_annuel": np.where(
                expo_tot > 0, solde_obs / np.maximum(expo_tot, 1e-9), 0.0
            ),
            "taux_migratoire_retenu": np.where(
                pop_tot > 0, (r_c * P).sum(axis=(1, 2)) / np.maximum(pop_tot, 1e-9), 0.0
            ),
            "poids_migration_local": poids_niveau,
        }
    )
    hist = d.population.groupby(["code_commune", "annee"], as_index=False)["population"].sum()
    return ModeleProjection(
        codes=codes.to_numpy(),
        code_epci=epci_codes[epci_idx],
        code_territoire=terr_codes[terr_idx],
        annee_base=annee_base,
        population_base=P.copy(),
        icm=icm,
        facteur_fecondite=ffec,
        convergence_fecondite=np.where(
            source_fec == "enfants_0_4", prm.convergence_fecondite_enfants, 0.0
        ).astype(float),
        niveau_fecondite_national=float(prm.fecondite_depart or 1.0),
        migration=r_c,
        migration_naissance=rn_c,
        exposition_migration=expo_tot,
        reference=ref,
        niveaux=niveaux,
        alertes=pd.DataFrame(alertes, columns=["code_commune", "annee", "type", "message"]),
        historique=hist,
        annees_fenetre=(debut, annee_base),
    )
