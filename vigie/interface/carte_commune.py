"""Le panneau d'une commune de la page Carte (sa valeur et sa classe, ses chiffres du
recensement, sa projection centrale et le lien vers la comparaison) et le tableau des valeurs de
toutes les communes, téléchargeable."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie import format_fr, textes
from vigie.figures import carte as graphiques_carte
from vigie.format_fr import fourchette, nombre, pourcentage
from vigie.interface import composants, donnees


def panneau(selection, noms: dict, valeurs: pd.DataFrame, indicateur, classes, sujet: str) -> None:
    """Le menu « Chiffres de la commune » et, pour la commune choisie, ses chiffres."""
    code_commune = st.selectbox(
        "Chiffres de la commune",
        list(noms),
        format_func=lambda c: f"{noms[c]} ({c})",
        index=None,
        placeholder="Cliquez sur la carte ou choisissez une commune",
        key="carte_commune",
    )

    if code_commune:
        ligne = valeurs[valeurs["code_commune"] == code_commune].iloc[0]
        st.subheader(f"{format_fr.texte_markdown(noms[code_commune])} ({code_commune})")
        st.markdown(
            f"**{sujet}** : {indicateur.texte(ligne['valeur'])}"
            + (f" — {ligne['detail']}" if ligne["detail"] else "")
            + (
                f" (classe {int(classes.indices([ligne['valeur']])[0]) + 1} sur {classes.nombre})"
                if pd.notna(ligne["valeur"])
                else ""
            )
        )
        observe = donnees.requete("indicateurs_cles", niveau="commune", code=code_commune)
        projete = donnees.requete(
            "comparaison_projete", niveau="commune", code=code_commune, scenario="central"
        )
        projete = projete[projete["niveau"] == "commune"]
        ensemble = projete[projete["groupe_age"] == "Ensemble"]
        source_population = donnees.ligne_source("population", "commune", code_commune)
        if not observe.empty:
            dernier = observe.iloc[-1]
            c1, c2, c3, c4 = st.columns(4)
            composants.chiffre_cle(
                c1,
                f"Habitants en {int(dernier['annee'])}",
                nombre(dernier["population"]),
                aide=source_population,
            )
            composants.chiffre_cle(
                c2,
                "Moins de 3 ans",
                pourcentage(dernier["part_0_2"]),
                f"{nombre(dernier['population_0_2'])} enfants",
                aide=source_population,
            )
            composants.chiffre_cle(
                c3,
                "75 ans ou plus",
                pourcentage(dernier["part_75_plus"]),
                f"{nombre(dernier['population_75_plus'])} personnes",
                aide=source_population,
            )
            horizon = ensemble[ensemble["annee"] == selection.horizon]
            if not horizon.empty:
                h = horizon.iloc[0]
                composants.chiffre_cle(
                    c4,
                    f"Habitants en {selection.horizon} (projection)",
                    f"environ {nombre(format_fr.arrondi(h['population']))}",
                    f"{format_fr.LIBELLE_FOURCHETTE} : {nombre(format_fr.arrondi(h['bas_80']))} "
                    f"à {nombre(format_fr.arrondi(h['haut_80']))}"
                    if pd.notna(h["bas_80"])
                    else None,
                    aide="Scénario central : "
                    + fourchette(
                        h["bas_80"], h["population"], h["haut_80"], "habitants", etiquette=True
                    )
                    + ". "
                    + textes.PROJECTION_AVERTISSEMENT,
                )
            composants.graphique(
                graphiques_carte.figure_trajectoire_commune(
                    observe[["annee", "population"]],
                    ensemble,
                    noms[code_commune],
                    f"{source_population} · Projection Vigie, scénario central",
                ),
                cle="carte_trajectoire",
            )

        def _comparer(code: str) -> None:
            # S'exécute avant que la prochaine réexécution dessine la barre latérale : la commune
            # devient le choix de la barre latérale.
            st.session_state["barre_niveau"] = "commune"
            st.session_state["barre_code"] = code
            st.session_state["_carte_vers_comparer"] = True

        st.button(
            f"Comparer {format_fr.texte_markdown(noms[code_commune])} à son intercommunalité, son territoire, son département",
            icon=":material/compare_arrows:",
            on_click=_comparer,
            args=(code_commune,),
            key="carte_comparer",
        )


def tableau(valeurs: pd.DataFrame, indicateur, sujet: str, code_carte: str, contours) -> None:
    """Les valeurs de toutes les communes, triées, et leur téléchargement (CSV)."""
    tableau = valeurs.sort_values("valeur", ascending=False, na_position="last")
    tableau = pd.DataFrame(
        {
            "Commune": tableau["nom_commune"],
            "Code": tableau["code_commune"],
            sujet: [indicateur.texte(v) for v in tableau["valeur"]],
            "Détail": tableau["detail"],
        }
    )
    st.dataframe(tableau, hide_index=True, width="stretch")
    st.download_button(
        "Télécharger (CSV)",
        valeurs[["code_commune", "nom_commune", "valeur"]]
        .to_csv(index=False, sep=";")
        .encode("utf-8-sig"),
        file_name=f"carte_{indicateur.cle.replace(':', '_')}_{code_carte}.csv",
        mime="text/csv",
        key="carte_telecharger",
    )
    st.caption(
        f"Contours simplifiés : {nombre(contours.points_apres)} points au lieu de "
        f"{nombre(contours.points_avant)} (frontières communes conservées)."
    )
