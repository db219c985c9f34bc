"""Le ratio d'un service sur la page Services : celui qui est utilisé (avec la valeur publiée et sa
source) et le formulaire qui le change pour le périmètre, gardé dans la base de l'utilisateur.
"""

from __future__ import annotations

import streamlit as st

from models.demande import ErreurRatio, libelles_parametres
from vigie.analyses import services
from vigie.format_fr import nombre, texte_markdown
from vigie.interface import donnees
from vigie.interface.besoins import Contexte
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base_utilisateur, disque


def afficher(ctx: Contexte, service: str) -> None:
    """Le ratio utilisé (avec la valeur publiée par défaut et sa source) et le formulaire pour le
    changer."""
    ratios = ctx.bilan.ratios[ctx.bilan.ratios["service"] == service]
    retenues = ratios[ratios["retenue"]]
    st.markdown("#### Ratio utilisé")
    for r in retenues.itertuples():
        phrase = services.phrase_ratio(r.ratio, r.par, r.unite, r.age_min, r.age_max)
        if r.modifie:
            publie = services.phrase_ratio(
                r.ratio_defaut, r.par_defaut, r.unite, r.age_min, r.age_max
            )
            st.markdown(
                f"**{phrase}** :orange-badge[modifié pour ce territoire] — valeur publiée : "
                f"{publie}"
            )
        else:
            st.markdown(f"**{phrase}** (valeur publiée)")
        st.caption(f"{r.indicateur}. Source : {r.source_texte} ({r.annee_source}).")

    methodes = list(dict.fromkeys(ratios["methode"]))
    retenue = retenues["methode"].iloc[0]
    cle_base = f"services_{ctx.selection.niveau}_{ctx.selection.code}_{service}"
    with st.expander(f"Modifier ce ratio pour {ctx.selection.nom_md}"):
        st.caption(
            "La modification vaut pour ce périmètre seulement ; elle est gardée dans votre base "
            "personnelle et survit à une reconstruction des données. La valeur publiée reste "
            "affichée à côté."
        )
        methode = retenue
        if len(methodes) > 1:
            indicateurs = {
                m: " + ".join(ratios.loc[ratios["methode"] == m, "indicateur"]) for m in methodes
            }
            methode = st.radio(
                "Méthode",
                methodes,
                index=methodes.index(retenue),
                format_func=indicateurs.get,
                key=f"{cle_base}_methode",
            )
        lignes = ratios[ratios["methode"] == methode]
        with st.form(key=f"{cle_base}_formulaire", border=False):
            saisies = {}
            for r in lignes.itertuples():
                nom_ratio, nom_par = libelles_parametres(r.unite, r.age_min, r.age_max)
                publie = services.phrase_ratio(
                    r.ratio_defaut, r.par_defaut, r.unite, r.age_min, r.age_max
                )
                aide = f"Valeur publiée : {publie}. Source : {r.source_texte} ({r.annee_source})."
                g, d = st.columns(2)
                saisies[int(r.age_min)] = (
                    g.text_input(
                        nom_ratio,
                        value=nombre(r.ratio, 2).rstrip("0").rstrip(","),
                        help=aide,
                        key=f"{cle_base}_{methode}_{r.age_min}_ratio",
                    ),
                    d.text_input(
                        nom_par,
                        value=nombre(r.par, 2).rstrip("0").rstrip(","),
                        help=aide,
                        key=f"{cle_base}_{methode}_{r.age_min}_par",
                    ),
                )
            g, d = st.columns(2)
            enregistrer = g.form_submit_button(
                "Enregistrer pour ce territoire", type="primary", key=f"{cle_base}_enregistrer"
            )
            retablir = d.form_submit_button(
                "Revenir aux valeurs publiées", key=f"{cle_base}_retablir"
            )
        if enregistrer or retablir:
            try:
                if enregistrer:
                    ratios_utilisateur.enregistrer(
                        ctx.selection.niveau,
                        ctx.selection.code,
                        service,
                        methode,
                        saisies,
                        donnees.requete("ratios_demande"),
                    )
                    texte = f"Ratio enregistré pour {ctx.selection.nom_md}."
                else:
                    ratios_utilisateur.retablir(ctx.selection.niveau, ctx.selection.code, service)
                    texte = f"Valeurs publiées rétablies pour {ctx.selection.nom_md}."
            except ErreurRatio as erreur:
                st.error(str(erreur), icon=":material/error:")
            except (base_utilisateur.BaseUtilisateurOccupee, disque.DisquePlein) as erreur:
                st.error(texte_markdown(erreur), icon=":material/error:")
            else:
                # Les champs sont recréés à partir des valeurs enregistrées à l'exécution suivante.
                for cle in [c for c in st.session_state if str(c).startswith(cle_base)]:
                    del st.session_state[cle]
                st.session_state["services_message"] = texte
                st.rerun()
