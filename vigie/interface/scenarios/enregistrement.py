"""L'enregistrement de la page Scénarios : le formulaire (nouveau scénario ou nouvelle version),
l'historique des versions d'un scénario enregistré (en ouvrir une, le mettre à la corbeille) et la
corbeille (restaurer).

Tout passe par `vigie.reglages.scenarios_utilisateur` (la base de l'utilisateur, qui survit aux
reconstructions) ; après un enregistrement, la page se relance sur le scénario enregistré.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.projection import ErreurScenario
from models.scenarios import HypothesesScenario
from vigie import format_fr
from vigie.analyses import scenarios
from vigie.interface.scenarios.atelier import NOUVEAU, Atelier, Brouillon
from vigie.reglages import scenarios_utilisateur
from vigie.stockage import base_utilisateur, disque


def enregistrer(atelier: Atelier, brouillon: Brouillon, compares: list[str]) -> None:
    """Le formulaire d'enregistrement et ce qu'il fait au clic."""
    etat = st.session_state
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
            if atelier.entree is not None
            else False
        )
        nouveau = (d if atelier.entree is not None else g).form_submit_button(
            "Enregistrer comme nouveau scénario",
            type="secondary" if atelier.entree is not None else "primary",
            key="scenarios_enregistrer_nouveau",
        )
    if nouvelle_version or nouveau:
        try:
            if nouvelle_version:
                enregistre = scenarios_utilisateur.modifier(
                    int(atelier.choix),
                    brouillon.hypotheses,
                    etat.get("scenarios_nom", ""),
                    etat.get("scenarios_description", ""),
                    etat.get("scenarios_auteur", ""),
                )
            else:
                enregistre = scenarios_utilisateur.creer(
                    etat.get("scenarios_nom", ""),
                    brouillon.hypotheses,
                    etat.get("scenarios_description", ""),
                    etat.get("scenarios_auteur", ""),
                    base=atelier.charge[1] if atelier.entree is None else atelier.choix,
                )
        except ErreurScenario as erreur_enregistrement:
            st.error(scenarios.message_erreur(erreur_enregistrement), icon=":material/error:")
        except (
            base_utilisateur.BaseUtilisateurOccupee,
            disque.DisquePlein,
        ) as erreur_enregistrement:
            st.error(format_fr.texte_markdown(erreur_enregistrement), icon=":material/error:")
        else:
            cle = str(enregistre.id_scenario)
            etat["scenarios_choix_suivant"] = cle
            etat["scenarios_charge"] = (cle, enregistre.version)
            etat["scenarios_initial"] = brouillon.hypotheses.to_json()
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


def versions(atelier: Atelier) -> None:
    """Les versions du scénario enregistré ouvert, et sa mise à la corbeille."""
    if atelier.entree is None:
        return
    etat = st.session_state
    with st.expander(f"Versions de « {atelier.entree.libelle} » et corbeille"):
        historique = scenarios_utilisateur.versions(int(atelier.choix))
        lignes = []
        for v in historique.itertuples():
            hypotheses_v = HypothesesScenario.from_json(v.parametres)
            changements = scenarios.decrire(
                hypotheses_v,
                atelier.communes_territoire,
                atelier.perimetre.equipements,
                atelier.perimetre.defauts,
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
            scenarios_utilisateur.supprimer(int(atelier.choix))
            etat["scenarios_choix_suivant"] = NOUVEAU
            etat.pop("scenarios_version_demandee", None)
            etat["scenarios_message"] = (
                f"« {atelier.entree.libelle} » est dans la corbeille : il peut être restauré ci-dessous."
            )
            st.rerun()


def corbeille() -> None:
    """Les scénarios de la corbeille, chacun avec son bouton « Restaurer »."""
    etat = st.session_state
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
