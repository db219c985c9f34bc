"""La section « Fiabilité » de la page Population : le même modèle relancé depuis un
recensement passé et comparé aux suivants (erreurs par horizon, calibrage des fourchettes, détail
par âge, niveau et taille de commune)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.figures import population as gp
from vigie.format_fr import libelle_fourchette, nombre, pourcentage
from vigie.interface import composants, donnees


def afficher(source_projection: str) -> None:
    """La section, avec la ligne de source (la méthode technique des fourchettes est sur la page
    Sources et méthodes : les termes de statisticien n'ont pas leur place devant les élus)."""
    st.subheader("Fiabilité : que valaient les projections passées ?")
    fiabilite = donnees.requete("projection_fiabilite")
    if fiabilite.empty:
        st.info("La rétro-projection n'a pas pu être faite (un seul recensement disponible).")
    else:
        origine = int(fiabilite["annee_origine"].iloc[0])
        st.markdown(
            f"Le même modèle a été relancé depuis **{origine}**, avec les seules données connues à "
            "cette date, puis comparé aux recensements suivants. Les fourchettes viennent de "
            "nombreuses simulations de l'avenir (naissances, décès et déménagements tirés au "
            "hasard autour de leurs taux), élargies de l'erreur constatée sur les projections "
            "passées ; le détail est sur la page Sources et méthodes."
        )
        composants.graphique(
            gp.figure_fiabilite_erreurs(fiabilite, source_projection), cle="population_erreurs"
        )
        composants.graphique(
            gp.figure_calibrage(fiabilite, source_projection), cle="population_calibrage"
        )
        with st.expander("Détail des erreurs par âge, niveau et taille de commune"):
            detail = fiabilite[fiabilite["groupe_age"] != "toutes"].copy()
            detail = detail[detail["niveau"] != "commune"].pipe(
                lambda d: pd.concat(
                    [
                        d,
                        fiabilite[
                            (fiabilite["niveau"] == "commune")
                            & (fiabilite["groupe_age"] != "toutes")
                        ],
                    ]
                )
            )
            tableau = pd.DataFrame(
                {
                    "Horizon": detail["horizon"].astype(str) + " ans",
                    "Niveau": detail["niveau"].map(textes.NIVEAUX).fillna(detail["niveau"]),
                    "Groupe d'âge": detail["groupe_age"],
                    "Taille de commune": detail["classe_taille"].replace("(agrégat)", "–"),
                    "Comparaisons": detail["effectif"],
                    "Erreur moyenne": detail["erreur_abs_pct"].map(lambda v: f"{nombre(v, 1)} %"),
                    "Biais médian": detail["biais_median_pct"].map(
                        lambda v: pourcentage(v / 100, signe=True)
                    ),
                    f"Dans la {libelle_fourchette(80)}": detail["couverture_80"].map(
                        lambda v: pourcentage(v, 0)
                    ),
                    f"Dans la {libelle_fourchette(95)}": detail["couverture_95"].map(
                        lambda v: pourcentage(v, 0)
                    ),
                }
            )
            composants.tableau(
                tableau, cle="population_fiabilite", nom_fichier="fiabilite-projections"
            )
        st.caption(
            f"Lecture : une {libelle_fourchette()} bien calibrée contient la valeur observée 8 fois sur 10. "
            "Au-dessus, elle est prudente (trop large) ; en dessous, trop étroite. Biais médian positif : "
            "le modèle surestimait."
        )
