"""Les réglages des services dans la page Scénarios : les taux d'accueil et tailles de classe du
scénario, et les équipements qui ouvrent ou ferment (listes, retraits, formulaires vérifiés).

Un ratio se règle dans l'unité que l'élu lit (élèves par classe, part des enfants accueillis en
%) ; `atelier.brouillon` le ramène au ratio du modèle de demande.
"""

from __future__ import annotations

import streamlit as st

from models.demande.ratios import public
from models.scenarios import FermetureEquipement, OuvertureEquipement
from vigie import format_fr, textes
from vigie.analyses import services
from vigie.format_fr import nombre
from vigie.interface import composants, donnees
from vigie.interface.scenarios.atelier import (
    Atelier,
    ajouter,
    cle_ratio,
    en_pourcentage,
    ligne_retirable,
)
from vigie.stockage import catalogue_services

# Services auxquels un scénario peut donner un nouvel équipement, avec leur libellé (le registre
# des services).
SERVICES_CAPACITE = catalogue_services.nouveaux_equipements()


def ratios(atelier: Atelier) -> None:
    """Un réglage par ratio en vigueur, avec sa valeur par défaut et sa source."""
    with st.expander("Services : taux d'accueil et tailles de classe", expanded=False):
        st.caption(
            "Valeurs de départ : celles de ce territoire (publiées, ou modifiées sur la page "
            "Services). Le scénario les change pour lui seul."
        )
        colonnes = st.columns(2)
        for k, r in enumerate(atelier.ratios_retenus.itertuples()):
            colonne = colonnes[k % 2]
            source = f"{r.source_texte} ({r.annee_source})"
            if r.unite == "classes":
                libelle = f"{textes.libelle_service(r.service)} : élèves par classe"
                defaut = f"{nombre(r.par / r.ratio, 1)} élèves par classe"
                options = dict(min_value=1.0, max_value=100.0, step=0.5, format="%g")
            elif en_pourcentage(r):
                libelle = (
                    f"{textes.libelle_service(r.service)} : part des {public(r.age_min, r.age_max)} "
                    "accueillis (%)"
                )
                defaut = f"{nombre(r.ratio / r.par * 100, 1)} %"
                options = dict(min_value=0.0, step=1.0, format="%g")
            else:
                libelle = (
                    f"{textes.libelle_service(r.service)} : {r.unite} pour {nombre(r.par)} "
                    f"{public(r.age_min, r.age_max)}"
                )
                defaut = services.phrase_ratio(r.ratio, r.par, r.unite, r.age_min, r.age_max)
                options = dict(min_value=0.0, step=0.1, format="%g")
            colonne.number_input(libelle, key=cle_ratio(r.service, r.age_min), **options)
            publie = " (modifié pour ce territoire)" if r.modifie else ""
            colonne.caption(f"Défaut{publie} : {defaut}. Source : {source}.")


def equipements(atelier: Atelier) -> None:
    """Les ouvertures et fermetures du scénario et les deux formulaires qui en ajoutent."""
    etat = st.session_state
    annee_base = atelier.annee_base
    communes = atelier.communes_territoire
    with st.expander(
        "Équipements : ouvertures et fermetures",
        expanded=bool(etat["scenarios_ouvertures"] or etat["scenarios_fermetures"]),
    ):
        source_equipements = donnees.ligne_source(
            "equipement", atelier.selection.niveau, atelier.selection.code
        )
        unites = dict(
            zip(atelier.ratios_retenus["service"], atelier.ratios_retenus["unite"], strict=False)
        )
        for i, o in enumerate(etat["scenarios_ouvertures"]):
            ligne_retirable(
                f"**Ouverture** : {format_fr.texte_markdown(o['nom'] or textes.libelle_service(o['service']))} de "
                f"{nombre(o['capacite'])} {o['unite']} en {o['annee']} à "
                f"{communes.get(o['code_commune'], o['code_commune'])}",
                "scenarios_ouvertures",
                i,
                "ouverture",
            )
        for i, f in enumerate(etat["scenarios_fermetures"]):
            ligne_retirable(
                f"**Fermeture** : {format_fr.texte_markdown(f['nom'] or f['id_equipement'])} à partir de {f['annee']}",
                "scenarios_fermetures",
                i,
                "fermeture",
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
                list(atelier.perimetre.communes),
                format_func=lambda c: atelier.perimetre.communes.get(c, c),
                key="scenarios_ouv_commune",
            )
            capacite = st.number_input(
                f"Capacité (en {unites.get(service, 'places')})", min_value=0.0, value=30.0,
                step=1.0, format="%g", key="scenarios_ouv_capacite",
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
                ajouter(atelier, "scenarios_ouvertures", ouverture)
        with d.form("scenarios_form_fermeture", border=True):
            st.markdown("**Un équipement ferme**")
            existants = atelier.perimetre.equipements[
                atelier.perimetre.equipements["service"].isin(list(SERVICES_CAPACITE))
            ]
            libelles_eq = {
                str(e.id_equipement): f"{e.nom} ({e.nom_commune}) — {nombre(e.capacite)} "
                f"{e.unite_capacite}"
                for e in existants.itertuples()
            }
            id_eq = composants.choisir(
                st.selectbox, "Équipement", libelles_eq, "scenarios_fer_equipement"
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
                ajouter(atelier, "scenarios_fermetures", fermeture)
