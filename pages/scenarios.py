"""Scénarios — et si… ? Build a scenario in a council's words, save it, compare it side by side.

Decision supported: before voting a housing programme, a new crèche or a school closure, see what
it changes — the population, the children and elderly to serve, the need for places and classes
and the year capacity runs short — compared with the central scenario or with other options, and
keep the scenario (versions, bin) to bring it back to the next meeting with a link.
"""

from dataclasses import asdict

import pandas as pd
import streamlit as st

from models.demande import ratios_effectifs
from models.demande.ratios import public
from models.projection import ErreurScenario, ProgrammeLogement, Scenario
from models.scenarios import (
    PROFILS_ARRIVANTS,
    FermetureEquipement,
    HypothesesScenario,
    OuvertureEquipement,
    RatioScenario,
)
from models.scenarios.hypotheses import profil_nomme
from vigie import format_fr, textes
from vigie.analyses import catalogue_services, scenarios, services
from vigie.figures import scenarios as gs
from vigie.format_fr import ecart, fourchette, nombre
from vigie.interface import barre_laterale, composants, donnees
from vigie.interface import scenarios as iscen
from vigie.reglages import scenarios_utilisateur
from vigie.stockage import base_utilisateur

NOUVEAU = "__nouveau__"
# Services a scenario can give a new facility, with its label (the service registry).
SERVICES_CAPACITE = catalogue_services.nouveaux_equipements()
ESPERANCES = {
    "centrale": "Centrale : tendance de l'INSEE (87,5 ans pour les hommes, 90 ans pour les femmes "
    "en 2070)",
    "haute": "Haute : 2 ans de plus en 2070",
    "basse": "Basse : 2 ans de moins en 2070",
}
etat = st.session_state

selection = barre_laterale.selection_courante()
niveau, code, horizon = selection.niveau, selection.code, selection.horizon
st.title("Scénarios : et si… ?")
st.caption(f"{selection.libelle} · horizon {horizon} · {textes.PROJECTION_AVERTISSEMENT}")

message = etat.pop("scenarios_message", None)
if message:
    st.success(message, icon=":material/check_circle:")

catalogue = iscen.catalogue()
perimetre = iscen.perimetre(niveau, code)
modele = iscen.modele()
annee_base = int(modele.annee_base)
perimetres = donnees.requete("perimetres")
communes_territoire = (
    perimetres[perimetres["niveau"] == "commune"]
    .set_index("code_perimetre")["nom_perimetre"]
    .to_dict()
)
ratios_territoire = ratios_effectifs(perimetre.defauts, perimetre.modifications, perimetre.methodes)
ratios_retenus = ratios_territoire[ratios_territoire["retenue"]]
parametres = scenarios.sources_parametres()


# --------------------------------------------------------------------------- the URL, once
def _depuis_url() -> None:
    """A link opens the scenario and the comparison it names (first run of the page only)."""
    if etat.get("_scenarios_url_lu"):
        return
    etat["_scenarios_url_lu"] = True
    url = st.query_params
    cle = url.get("scenario")
    if cle in catalogue and catalogue[cle].enregistre:
        etat["scenarios_choix"] = cle
        try:
            etat["scenarios_version_demandee"] = int(url.get("version", ""))
        except ValueError:
            pass
    elif cle in catalogue:
        etat["scenarios_choix"] = NOUVEAU
        etat["scenarios_base"] = cle
    if url.get("comparer"):
        voulus = [c for c in url["comparer"].split(",") if c in catalogue and c != cle]
        if voulus:
            etat["scenarios_comparer"] = voulus[:3]


_depuis_url()
for cle_suivante, cle in (
    ("scenarios_choix_suivant", "scenarios_choix"),
    ("scenarios_comparer_suivant", "scenarios_comparer"),
):
    if cle_suivante in etat:
        etat[cle] = etat.pop(cle_suivante)

# --------------------------------------------------------------------------- which scenario
enregistres = [c for c, e in catalogue.items() if e.enregistre]
if etat.get("scenarios_choix") not in [NOUVEAU, *enregistres]:
    etat["scenarios_choix"] = NOUVEAU
gauche, droite = st.columns(2)
choix = gauche.selectbox(
    "Scénario de travail",
    [NOUVEAU, *enregistres],
    format_func=lambda c: (
        "Nouveau scénario"
        if c == NOUVEAU
        else f"{catalogue[c].libelle} (n° {c}, version {catalogue[c].version})"
    ),
    key="scenarios_choix",
    help="Un nouveau scénario part d'un scénario existant ; un scénario enregistré s'ouvre dans "
    "sa dernière version (les précédentes restent lisibles plus bas).",
)
if choix == NOUVEAU:
    if etat.get("scenarios_base") not in catalogue:
        etat["scenarios_base"] = scenarios.CENTRAL
    base = droite.selectbox(
        "À partir de",
        list(catalogue),
        format_func=lambda c: catalogue[c].libelle,
        key="scenarios_base",
        help="Les hypothèses de départ : le scénario central (tendances récentes prolongées), une "
        "variante standard ou un de vos scénarios.",
    )
    depart = catalogue[base].hypotheses
    charge = (NOUVEAU, base)
    entree = None
else:
    entree = catalogue[choix]
    version = etat.get("scenarios_version_demandee") or entree.version
    depart = entree.hypotheses
    if version != entree.version:
        try:
            depart = scenarios_utilisateur.lire(int(choix), version).hypotheses
        except scenarios_utilisateur.ScenarioIntrouvable as erreur:
            st.error(str(erreur), icon=":material/error:")
            version = entree.version
    charge = (choix, version)
    droite.markdown(
        f"**{entree.libelle}** — version {version} sur {entree.version}"
        + (f", par {entree.auteur}" if entree.auteur else "")
        + (f"  \n{entree.description}" if entree.description else "")
    )


def _cle_ratio(service: str, age_min: int) -> str:
    return f"scenarios_ratio_{service}_{age_min}"


def _en_pourcentage(r) -> bool:
    return float(r.par) == 1 and r.unite in ("élèves", "places", "lits")


def _charger(hypotheses: HypothesesScenario) -> None:
    """Put a scenario's hypotheses into the page's widgets and lists."""
    d = hypotheses.demographie
    etat["scenarios_fecondite"] = float(d.fecondite_ecart)
    etat["scenarios_esperance"] = d.esperance_vie
    etat["scenarios_migrations"] = float(d.migration_multiplicateur)
    etat["scenarios_icf_cible"] = d.icf_cible
    etat["scenarios_programmes"] = [asdict(p) for p in d.programmes_logement]
    etat["scenarios_ouvertures"] = [asdict(o) for o in hypotheses.ouvertures]
    etat["scenarios_fermetures"] = [asdict(f) for f in hypotheses.fermetures]
    propres = {(r.service, r.methode, int(r.age_min)): r for r in hypotheses.ratios}
    for r in ratios_retenus.itertuples():
        choisi = propres.get((r.service, r.methode, int(r.age_min)))
        ratio, par = (choisi.ratio, choisi.par) if choisi else (r.ratio, r.par)
        if r.unite == "classes":
            etat[_cle_ratio(r.service, r.age_min)] = float(par / ratio)
        elif _en_pourcentage(r):
            etat[_cle_ratio(r.service, r.age_min)] = float(ratio / par * 100)
        else:
            etat[_cle_ratio(r.service, r.age_min)] = float(ratio)
    if entree is not None:
        etat["scenarios_nom"] = entree.libelle
        etat["scenarios_description"] = entree.description
        etat["scenarios_auteur"] = entree.auteur
    else:
        etat["scenarios_nom"] = ""
        etat["scenarios_description"] = ""
    etat["scenarios_initial"] = None


if etat.get("scenarios_charge") != charge:
    _charger(depart)
    etat["scenarios_charge"] = charge


def _brouillon() -> HypothesesScenario:
    """The hypotheses as the widgets say them now."""
    ratios = []
    for r in ratios_retenus.itertuples():
        valeur = etat.get(_cle_ratio(r.service, r.age_min))
        if valeur is None:
            continue
        if r.unite == "classes":
            ratio, par = 1.0, float(valeur)
            actuel = r.par / r.ratio
        elif _en_pourcentage(r):
            ratio, par = float(valeur) / 100, 1.0
            actuel = r.ratio / r.par * 100
        else:
            ratio, par = float(valeur), float(r.par)
            actuel = r.ratio
        if abs(float(valeur) - float(actuel)) > 1e-9:
            ratios.append(RatioScenario(r.service, r.methode, int(r.age_min), ratio, par))
    return HypothesesScenario(
        demographie=Scenario(
            nom="scenario",
            libelle="",
            fecondite_ecart=round(float(etat["scenarios_fecondite"]), 3),
            icf_cible=etat.get("scenarios_icf_cible"),
            esperance_vie=etat["scenarios_esperance"],
            migration_multiplicateur=round(float(etat["scenarios_migrations"]), 3),
            programmes_logement=[ProgrammeLogement(**p) for p in etat["scenarios_programmes"]],
        ),
        ratios=ratios,
        ouvertures=[OuvertureEquipement(**o) for o in etat["scenarios_ouvertures"]],
        fermetures=[FermetureEquipement(**f) for f in etat["scenarios_fermetures"]],
    )


def _verifier(hypotheses: HypothesesScenario) -> str | None:
    """The French message of the first impossible value, or None."""
    try:
        hypotheses.valider(
            annee_base,
            perimetre.defauts,
            donnees.requete("equipements", niveau="territoire", code=_code_territoire()),
            set(communes_territoire),
        )
    except ErreurScenario as erreur:
        return scenarios.message_erreur(erreur)
    return None


def _code_territoire() -> str:
    territoires = perimetres[perimetres["niveau"] == "territoire"]["code_perimetre"]
    return str(territoires.iloc[0]) if len(territoires) else code


def _retirer(liste: str, i: int) -> None:
    etat[liste] = [x for k, x in enumerate(etat[liste]) if k != i]


# --------------------------------------------------------------------------- hypotheses
st.subheader("Les hypothèses")
st.caption(
    "Chaque valeur part de celle du scénario choisi ; sous chaque réglage, la valeur par défaut "
    "et sa source. Tout changement est recalculé aussitôt ; rien n'est gardé avant "
    "« Enregistrer »."
)
icf = scenarios.icf_local(modele, perimetre.communes)
fenetre = f"{modele.annees_fenetre[0]}-{modele.annees_fenetre[1]}"
with st.expander("Population : naissances, espérance de vie, migrations", expanded=True):
    c1, c2, c3 = st.columns(3)
    c1.number_input(
        "Fécondité : enfants par femme en plus (ou en moins)",
        min_value=-3.0,
        max_value=3.0,
        step=0.1,
        format="%.2f",
        key="scenarios_fecondite",
        help="0 garde le niveau local observé. Les variantes de l'INSEE retiennent ±0,2.",
    )
    c1.caption(
        f"Défaut : 0, soit le niveau local observé ({nombre(icf, 2)} enfants par femme, "
        f"naissances de l'état civil {fenetre}). Variantes INSEE ±0,2 : "
        f"{parametres['ecart_fecondite_variante'][2]}."
    )
    c2.selectbox(
        "Espérance de vie",
        list(ESPERANCES),
        format_func=ESPERANCES.get,
        key="scenarios_esperance",
    )
    c2.caption(
        f"Défaut : centrale ({nombre(parametres['esperance_vie_2070_hommes'][0], 1)} ans pour "
        f"les hommes, {nombre(parametres['esperance_vie_2070_femmes'][0], 1)} pour les femmes en "
        f"2070). Source : {parametres['esperance_vie_2070_hommes'][2]}. Écart de ±2 ans des "
        "variantes : hypothèse Vigie, non vérifiée sur la publication INSEE "
        "(data/reference/parametres_nationaux.csv)."
    )
    c3.number_input(
        "Migrations : départs et arrivées, × combien",
        min_value=0.0,
        max_value=10.0,
        step=0.1,
        format="%.2f",
        key="scenarios_migrations",
        help="1 prolonge les soldes migratoires récents par âge ; 0,5 les divise par deux "
        "(moins d'arrivées nettes, ou des départs de jeunes moins nombreux) ; 1,5 les augmente "
        "de moitié. Les variantes de l'INSEE retiennent 0,5 et 1,5.",
    )
    c3.caption(
        f"Défaut : 1, les soldes migratoires par âge observés entre les recensements ({fenetre}, "
        "méthode des résidus, INSEE recensement et état civil)."
    )

with st.expander("Logements neufs", expanded=True):
    personnes_defaut, _, source_personnes = parametres["personnes_par_logement"]
    if not etat["scenarios_programmes"]:
        st.markdown("Aucun programme de logements en plus de la tendance.")
    for i, p in enumerate(etat["scenarios_programmes"]):
        g, d = st.columns([5, 1])
        annees = p["annee_fin"] - p["annee_debut"] + 1
        profil = profil_nomme(p["profil_age"])
        g.markdown(
            f"**{nombre(p['logements_par_an'] * annees)} logements** à "
            f"{communes_territoire.get(p['code_commune'], p['code_commune'])}, livrés de "
            f"{p['annee_debut']} à {p['annee_fin']} ("
            f"{nombre(p['logements_par_an'], 0 if float(p['logements_par_an']).is_integer() else 1)}"
            " par an), "
            f"{nombre(p['personnes_par_logement'] or personnes_defaut, 2)} personnes par logement"
            f" — {PROFILS_ARRIVANTS[profil][0] if profil else 'profil d’âge personnalisé'}"
        )
        d.button(
            "Retirer",
            key=f"scenarios_retirer_programme_{i}",
            on_click=_retirer,
            args=("scenarios_programmes", i),
        )
    with st.form("scenarios_form_programme", border=True):
        st.markdown("**Ajouter un programme de logements**")
        f1, f2, f3 = st.columns(3)
        codes = list(perimetre.communes) + [
            c for c in communes_territoire if c not in perimetre.communes
        ]
        commune = f1.selectbox(
            "Commune",
            codes,
            format_func=lambda c: communes_territoire.get(c, c),
            key="scenarios_prog_commune",
        )
        total = f2.number_input(
            "Nombre de logements (total)", min_value=0, value=400, step=10,
            key="scenarios_prog_total",
        )  # fmt: skip
        personnes = f3.number_input(
            "Personnes par logement",
            min_value=0.0,
            max_value=20.0,
            value=float(personnes_defaut),
            step=0.05,
            format="%.2f",
            key="scenarios_prog_personnes",
        )
        f4, f5, f6 = st.columns(3)
        debut = f4.number_input(
            "Livrés à partir de", min_value=annee_base, max_value=2070, value=annee_base + 6,
            key="scenarios_prog_debut",
        )  # fmt: skip
        fin = f5.number_input(
            "jusqu'en (inclus)", min_value=annee_base, max_value=2070, value=annee_base + 9,
            key="scenarios_prog_fin",
        )  # fmt: skip
        profil = f6.selectbox(
            "Âge des nouveaux habitants",
            list(PROFILS_ARRIVANTS),
            format_func=lambda k: PROFILS_ARRIVANTS[k][0],
            key="scenarios_prog_profil",
        )
        st.caption(
            f"Personnes par logement, défaut {nombre(personnes_defaut, 2)} : {source_personnes}. "
            "Profil d'âge par défaut : hypothèse Vigie « jeunes ménages avec enfants » "
            "(data/reference/profil_nouveaux_arrivants.csv), à recalibrer sur les opérations "
            "livrées du territoire. Les habitants arrivent en plus de la tendance migratoire, "
            "au 1er janvier qui suit la livraison."
        )
        if st.form_submit_button("Ajouter ce programme", key="scenarios_prog_ajouter"):
            annees = max(int(fin) - int(debut) + 1, 1)
            programme = ProgrammeLogement(
                code_commune=str(commune),
                logements_par_an=float(total) / annees,
                annee_debut=int(debut),
                annee_fin=int(fin),
                personnes_par_logement=float(personnes),
                profil_age=PROFILS_ARRIVANTS[profil][1],
            )
            essai = HypothesesScenario(
                demographie=Scenario(
                    programmes_logement=[
                        *(ProgrammeLogement(**p) for p in etat["scenarios_programmes"]),
                        programme,
                    ]
                )
            )
            erreur = _verifier(essai)
            if erreur:
                st.error(erreur, icon=":material/error:")
            else:
                etat["scenarios_programmes"] = [*etat["scenarios_programmes"], asdict(programme)]
                st.rerun()

with st.expander("Services : taux d'accueil et tailles de classe", expanded=False):
    st.caption(
        "Valeurs de départ : celles de ce territoire (publiées, ou modifiées sur la page "
        "Services). Le scénario les change pour lui seul."
    )
    colonnes = st.columns(2)
    for k, r in enumerate(ratios_retenus.itertuples()):
        colonne = colonnes[k % 2]
        source = f"{r.source_texte} ({r.annee_source})"
        if r.unite == "classes":
            libelle = f"{textes.libelle_service(r.service)} : élèves par classe"
            defaut = f"{nombre(r.par / r.ratio, 1)} élèves par classe"
            options = dict(min_value=1.0, max_value=100.0, step=0.5, format="%.1f")
        elif _en_pourcentage(r):
            libelle = (
                f"{textes.libelle_service(r.service)} : part des {public(r.age_min, r.age_max)} "
                "accueillis (%)"
            )
            defaut = f"{nombre(r.ratio / r.par * 100, 1)} %"
            options = dict(min_value=0.0, step=1.0, format="%.1f")
        else:
            libelle = (
                f"{textes.libelle_service(r.service)} : {r.unite} pour {nombre(r.par)} "
                f"{public(r.age_min, r.age_max)}"
            )
            defaut = services.phrase_ratio(r.ratio, r.par, r.unite, r.age_min, r.age_max)
            options = dict(min_value=0.0, step=0.1, format="%.2f")
        colonne.number_input(libelle, key=_cle_ratio(r.service, r.age_min), **options)
        publie = " (modifié pour ce territoire)" if r.modifie else ""
        colonne.caption(f"Défaut{publie} : {defaut}. Source : {source}.")

with st.expander(
    "Équipements : ouvertures et fermetures",
    expanded=bool(etat["scenarios_ouvertures"] or etat["scenarios_fermetures"]),
):
    source_equipements = textes.ligne_source(donnees.sources("equipement"))
    unites = dict(zip(ratios_retenus["service"], ratios_retenus["unite"], strict=False))
    for i, o in enumerate(etat["scenarios_ouvertures"]):
        g, d = st.columns([5, 1])
        g.markdown(
            f"**Ouverture** : {format_fr.texte_markdown(o['nom'] or textes.libelle_service(o['service']))} de "
            f"{nombre(o['capacite'])} {o['unite']} en {o['annee']} à "
            f"{communes_territoire.get(o['code_commune'], o['code_commune'])}"
        )
        d.button(
            "Retirer",
            key=f"scenarios_retirer_ouverture_{i}",
            on_click=_retirer,
            args=("scenarios_ouvertures", i),
        )
    for i, f in enumerate(etat["scenarios_fermetures"]):
        g, d = st.columns([5, 1])
        g.markdown(
            f"**Fermeture** : {format_fr.texte_markdown(f['nom'] or f['id_equipement'])} à partir de {f['annee']}"
        )
        d.button(
            "Retirer",
            key=f"scenarios_retirer_fermeture_{i}",
            on_click=_retirer,
            args=("scenarios_fermetures", i),
        )
    g, d = st.columns(2)
    with g.form("scenarios_form_ouverture", border=True):
        st.markdown("**Un équipement ouvre**")
        service = st.selectbox(
            "Service",
            [s for s in SERVICES_CAPACITE if s in unites],
            format_func=textes.libelle_service,
            key="scenarios_ouv_service",
        )
        commune_ouv = st.selectbox(
            "Commune",
            list(perimetre.communes),
            format_func=lambda c: perimetre.communes.get(c, c),
            key="scenarios_ouv_commune",
        )
        capacite = st.number_input(
            f"Capacité (en {unites.get(service, 'places')})", min_value=0.0, value=30.0,
            step=1.0, key="scenarios_ouv_capacite",
        )  # fmt: skip
        annee_ouv = st.number_input(
            "Ouvre en", min_value=annee_base, max_value=2070, value=annee_base + 6,
            key="scenarios_ouv_annee",
        )  # fmt: skip
        nom_ouv = st.text_input("Nom (facultatif)", key="scenarios_ouv_nom")
        st.caption(
            "Capacité comptée dans l'unité du besoin (places, classes, lits) : comparée au besoin "
            "dès son année d'ouverture."
        )
        if st.form_submit_button("Ajouter cette ouverture", key="scenarios_ouv_ajouter"):
            ouverture = OuvertureEquipement(
                service=service,
                code_commune=str(commune_ouv),
                capacite=float(capacite),
                unite=unites.get(service, "places"),
                annee=int(annee_ouv),
                nom=nom_ouv.strip() or SERVICES_CAPACITE[service],
            )
            essai = HypothesesScenario(
                ouvertures=[
                    *(OuvertureEquipement(**o) for o in etat["scenarios_ouvertures"]),
                    ouverture,
                ]
            )
            erreur = _verifier(essai)
            if erreur:
                st.error(erreur, icon=":material/error:")
            else:
                etat["scenarios_ouvertures"] = [*etat["scenarios_ouvertures"], asdict(ouverture)]
                st.rerun()
    with d.form("scenarios_form_fermeture", border=True):
        st.markdown("**Un équipement ferme**")
        existants = perimetre.equipements[
            perimetre.equipements["service"].isin(list(SERVICES_CAPACITE))
        ]
        libelles_eq = {
            str(e.id_equipement): f"{e.nom} ({e.nom_commune}) — {nombre(e.capacite)} "
            f"{e.unite_capacite}"
            for e in existants.itertuples()
        }
        id_eq = st.selectbox(
            "Équipement",
            list(libelles_eq),
            format_func=libelles_eq.get,
            key="scenarios_fer_equipement",
        )
        annee_fer = st.number_input(
            "Fermé à partir de", min_value=annee_base, max_value=2070, value=annee_base + 9,
            key="scenarios_fer_annee",
        )  # fmt: skip
        st.caption(f"Inventaire des équipements : {source_equipements}.")
        if st.form_submit_button("Ajouter cette fermeture", key="scenarios_fer_ajouter"):
            nom_eq = existants.loc[existants["id_equipement"].astype(str) == id_eq, "nom"]
            fermeture = FermetureEquipement(
                id_equipement=str(id_eq),
                annee=int(annee_fer),
                nom=str(nom_eq.iloc[0]) if len(nom_eq) else "",
            )
            essai = HypothesesScenario(
                fermetures=[
                    *(FermetureEquipement(**f) for f in etat["scenarios_fermetures"]),
                    fermeture,
                ]
            )
            erreur = _verifier(essai)
            if erreur:
                st.error(erreur, icon=":material/error:")
            else:
                etat["scenarios_fermetures"] = [*etat["scenarios_fermetures"], asdict(fermeture)]
                st.rerun()

brouillon = _brouillon()
if etat.get("scenarios_initial") is None:
    etat["scenarios_initial"] = brouillon.to_json()
modifie = brouillon.to_json() != etat["scenarios_initial"]
erreur = _verifier(brouillon)
if erreur:
    st.error(erreur, icon=":material/error:")
    st.stop()

if entree is None:
    nom_brouillon = (etat.get("scenarios_nom") or "").strip() or "Nouveau scénario"
    libelle_brouillon = f"{nom_brouillon} (non enregistré)"
else:
    libelle_brouillon = entree.libelle + (" (modifié, non enregistré)" if modifie else "")
cle_brouillon = choix if entree is not None and not modifie else "brouillon"

# --------------------------------------------------------------------------- comparison
st.subheader("Ce que change ce scénario")
autres = [c for c in catalogue if c != choix]
if "scenarios_comparer" not in etat:
    etat["scenarios_comparer"] = [scenarios.CENTRAL]
etat["scenarios_comparer"] = [c for c in etat["scenarios_comparer"] if c in autres][:3]
g, d = st.columns([3, 2])
compares = g.multiselect(
    "Comparer avec (1 à 3 scénarios)",
    autres,
    format_func=lambda c: catalogue[c].libelle,
    max_selections=3,
    key="scenarios_comparer",
    help="Le premier est la référence des écarts et des phrases de synthèse.",
)
simuler = d.toggle(
    "Simuler les fourchettes des scénarios modifiés (quelques secondes)",
    key="scenarios_simuler",
    help="Sans simulation, un scénario modifié reçoit la largeur relative des fourchettes du "
    "scénario central. Avec, ses propres fourchettes sont simulées (200 trajectoires), une fois "
    "par jeu d'hypothèses.",
)

# The link reproduces territory, scenario and comparison.
if entree is not None:
    st.query_params["scenario"] = choix
elif "scenario" in st.query_params:
    del st.query_params["scenario"]
if compares:
    st.query_params["comparer"] = ",".join(compares)
elif "comparer" in st.query_params:
    del st.query_params["comparer"]

if not compares:
    st.info("Choisissez au moins un scénario à comparer (le scénario central, par exemple).")
    st.stop()

with st.spinner(
    "Simulation des fourchettes (quelques secondes par scénario)…"
    if simuler
    else "Calcul du scénario…"
):
    resultats = [
        iscen.resultat_entree(catalogue[c], niveau, code, horizon, simuler) for c in compares
    ] + [
        iscen.resultat(brouillon, cle_brouillon, libelle_brouillon, niveau, code, horizon, simuler)
    ]
libelles = scenarios.libelles_uniques([r.libelle for r in resultats])
resultats = [
    r if r.libelle == libelle else scenarios.ResultatScenario(**{**r.__dict__, "libelle": libelle})
    for r, libelle in zip(resultats, libelles, strict=True)
]
reference = resultats[0]
for autre in resultats[1:]:
    resume = scenarios.resumer(reference, autre, perimetre, horizon)
    st.markdown(f"##### {format_fr.texte_markdown(resume.phrase)}")  # names: text
    if resume.details:
        st.markdown("\n".join(f"- {format_fr.texte_markdown(p)}" for p in resume.details))

colonnes = st.columns(len(resultats))
for colonne, r in zip(colonnes, resultats, strict=True):
    fin = r.total().set_index("annee").loc[horizon]
    base_ref = reference.total().set_index("annee").loc[horizon, "population"]
    deficits = r.bilan.synthese["premiere_annee"].notna().sum()
    composants.chiffre_cle(
        colonne,
        r.libelle,
        f"{nombre(gs._rond(fin['population']))} habitants",
        None
        if r is reference
        else f"{ecart(scenarios._arrondi(fin['population'] - base_ref))} en {horizon}",
        aide=(
            f"En {horizon} : {fourchette(fin['bas_80'], fin['population'], fin['haut_80'])} "
            f"(fourchette à 80 %, {scenarios.INTERVALLES_TEXTE[r.intervalles]}). "
            f"{deficits} service(s) en déficit d'ici {horizon}."
        ),
    )
methodes = sorted({r.intervalles for r in resultats})
st.caption(
    "Fourchettes à 80 % : "
    + " ; ".join(
        f"{', '.join(r.libelle for r in resultats if r.intervalles == m)} : "
        f"{scenarios.INTERVALLES_TEXTE[m]}"
        for m in methodes
    )
    + "."
)

source_population = textes.ligne_source(donnees.sources("population"))
source_figure = (
    "Projection Vigie par composantes (méthode Omphale de l'INSEE) sous les hypothèses de chaque "
    f"scénario ; données : {source_population.removeprefix('Source : ')}"
)
histoire = donnees.requete("indicateurs_cles", niveau=niveau, code=code)
composants.graphique(
    gs.figure_population(resultats, histoire, selection.nom, horizon, source_figure),
    cle="scenarios_population",
)
composants.graphique(gs.figure_groupes(resultats, horizon, source_figure), cle="scenarios_groupes")

st.subheader("Besoins et capacités des services")
source_services = (
    "Besoin : population projetée × ratios publiés (data/reference/ratios_demande.csv : ONAPE, "
    "DEPP, DREES… ; source de chaque ratio sous « Services : taux d'accueil ») ou ceux du "
    f"scénario ; capacité : {source_equipements.removeprefix('Source : ')}, avec les ouvertures "
    "et fermetures des scénarios"
)
composants.graphique(
    gs.figure_couverture(resultats, horizon, source_services), cle="scenarios_couverture"
)
services_bilan = catalogue_services.trier(reference.bilan.synthese["service"])
service = st.selectbox(
    "Service en détail",
    services_bilan,
    format_func=textes.libelle_service,
    key="scenarios_service",
)
composants.graphique(
    gs.figure_service(resultats, service, horizon, source_services), cle="scenarios_service_fig"
)

st.subheader(f"Tableau des différences en {horizon}")
differences = scenarios.tableau_differences(resultats, horizon)
st.dataframe(
    scenarios.tableau_differences_texte(differences, [r.libelle for r in resultats]),
    hide_index=True,
    width="stretch",
    height=min(38 * (len(differences) + 1), 900),
)
st.caption(f"Écarts : chaque scénario moins « {reference.libelle} ». {source_figure}.")

# --------------------------------------------------------------------------- save
st.subheader("Enregistrer")
with st.form("scenarios_form_enregistrer"):
    st.text_input("Nom du scénario", key="scenarios_nom", max_chars=120)
    st.text_area(
        "Description (ce que le scénario suppose, pour qui, pourquoi)",
        key="scenarios_description",
        max_chars=4000,
    )
    st.text_input("Auteur", key="scenarios_auteur", max_chars=120)
    g, d = st.columns(2)
    nouvelle_version = (
        g.form_submit_button(
            "Enregistrer une nouvelle version", type="primary", key="scenarios_enregistrer"
        )
        if entree is not None
        else False
    )
    nouveau = (d if entree is not None else g).form_submit_button(
        "Enregistrer comme nouveau scénario",
        type="secondary" if entree is not None else "primary",
        key="scenarios_enregistrer_nouveau",
    )
if nouvelle_version or nouveau:
    try:
        if nouvelle_version:
            enregistre = scenarios_utilisateur.modifier(
                int(choix),
                brouillon,
                etat.get("scenarios_nom", ""),
                etat.get("scenarios_description", ""),
                etat.get("scenarios_auteur", ""),
            )
        else:
            enregistre = scenarios_utilisateur.creer(
                etat.get("scenarios_nom", ""),
                brouillon,
                etat.get("scenarios_description", ""),
                etat.get("scenarios_auteur", ""),
                base=charge[1] if entree is None else choix,
            )
    except ErreurScenario as erreur_enregistrement:
        st.error(scenarios.message_erreur(erreur_enregistrement), icon=":material/error:")
    except base_utilisateur.BaseUtilisateurOccupee as erreur_enregistrement:
        st.error(str(erreur_enregistrement), icon=":material/error:")
    else:
        cle = str(enregistre.id_scenario)
        etat["scenarios_choix_suivant"] = cle
        etat["scenarios_charge"] = (cle, enregistre.version)
        etat["scenarios_initial"] = brouillon.to_json()
        etat.pop("scenarios_version_demandee", None)
        etat["scenarios_comparer_suivant"] = [c for c in compares if c != cle] or [
            scenarios.CENTRAL
        ]
        st.query_params["scenario"] = cle
        etat["scenarios_message"] = (
            f"Scénario « {format_fr.texte_markdown(enregistre.nom)} » enregistré (n° {cle}, version {enregistre.version}) "
            "dans votre base personnelle : il survit à une reconstruction des données."
        )
        st.rerun()

# --------------------------------------------------------------------------- versions and bin
if entree is not None:
    with st.expander(f"Versions de « {entree.libelle} » et corbeille"):
        historique = scenarios_utilisateur.versions(int(choix))
        lignes = []
        for v in historique.itertuples():
            hypotheses_v = HypothesesScenario.from_json(v.parametres)
            changements = scenarios.decrire(
                hypotheses_v, communes_territoire, perimetre.equipements, perimetre.defauts
            )
            lignes.append(
                {
                    "Version": int(v.version),
                    "Enregistrée le": pd.Timestamp(v.cree_le).strftime("%d/%m/%Y %H:%M"),
                    "Nom": v.nom,
                    "Auteur": v.auteur,
                    "Hypothèses": "; ".join(changements) or "celles du scénario central",
                }
            )
        st.dataframe(pd.DataFrame(lignes), hide_index=True, width="stretch")
        g, d = st.columns(2)
        version_lue = g.selectbox(
            "Ouvrir une version",
            list(historique["version"].astype(int)),
            format_func=lambda v: f"Version {v}",
            key="scenarios_version_choisie",
        )
        if g.button("Ouvrir cette version", key="scenarios_ouvrir_version"):
            etat["scenarios_version_demandee"] = int(version_lue)
            st.query_params["version"] = str(int(version_lue))
            st.rerun()
        if d.button("Mettre ce scénario à la corbeille", key="scenarios_supprimer"):
            scenarios_utilisateur.supprimer(int(choix))
            etat["scenarios_choix_suivant"] = NOUVEAU
            etat.pop("scenarios_version_demandee", None)
            etat["scenarios_message"] = (
                f"« {entree.libelle} » est dans la corbeille : il peut être restauré ci-dessous."
            )
            st.rerun()

corbeille = scenarios_utilisateur.lister(corbeille=True)
if not corbeille.empty:
    with st.expander(f"Corbeille ({len(corbeille)} scénario(s))"):
        for ligne in corbeille.itertuples():
            g, d = st.columns([5, 1])
            g.markdown(
                f"**{format_fr.texte_markdown(ligne.nom)}** (n° {ligne.id_scenario}, version {ligne.version_courante}) — "
                f"mis à la corbeille le {pd.Timestamp(ligne.supprime_le).strftime('%d/%m/%Y')}"
            )
            if d.button("Restaurer", key=f"scenarios_restaurer_{ligne.id_scenario}"):
                scenarios_utilisateur.restaurer(int(ligne.id_scenario))
                etat["scenarios_message"] = (
                    f"« {format_fr.texte_markdown(ligne.nom)} » est restauré."
                )
                st.rerun()
