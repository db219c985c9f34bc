"""Les réglages démographiques de la page Scénarios : fécondité, espérance de vie, migrations, et
les programmes de logements neufs (liste, retrait, formulaire d'ajout vérifié avant d'entrer).

Chaque réglage montre sa valeur par défaut et sa source (paramètres nationaux de
`data/reference/parametres_nationaux.csv`, niveau local estimé par le modèle).
"""

from __future__ import annotations

import streamlit as st

from models.projection import ProgrammeLogement
from models.scenarios import PROFILS_ARRIVANTS
from models.scenarios.hypotheses import profil_nomme
from vigie.analyses import scenarios
from vigie.format_fr import nombre
from vigie.interface.scenarios.atelier import Atelier, ajouter, ligne_retirable

ESPERANCES = {
    "centrale": "Centrale : tendance de l'INSEE (87,5 ans pour les hommes, 90 ans pour les femmes "
    "en 2070)",
    "haute": "Haute : 2 ans de plus en 2070",
    "basse": "Basse : 2 ans de moins en 2070",
}


def population(atelier: Atelier) -> None:
    """Le titre des hypothèses et les réglages de naissances, d'espérance de vie, de migrations."""
    st.subheader("Les hypothèses")
    st.caption(
        "Chaque valeur part de celle du scénario choisi ; sous chaque réglage, la valeur par défaut "
        "et sa source. Tout changement est recalculé aussitôt ; rien n'est gardé avant "
        "« Enregistrer »."
    )
    icf = scenarios.icf_local(atelier.modele, atelier.perimetre.communes)
    fenetre = f"{atelier.modele.annees_fenetre[0]}-{atelier.modele.annees_fenetre[1]}"
    with st.expander("Population : naissances, espérance de vie, migrations", expanded=True):
        c1, c2, c3 = st.columns(3)
        c1.number_input(
            "Fécondité : enfants par femme en plus (ou en moins)",
            min_value=-3.0,
            max_value=3.0,
            step=0.1,
            format="%g",
            key="scenarios_fecondite",
            help="0 garde le niveau local observé. Les variantes de l'INSEE retiennent ±0,2.",
        )
        c1.caption(
            f"Défaut : 0, soit le niveau local observé ({nombre(icf, 2)} enfants par femme, "
            f"naissances de l'état civil {fenetre}). Variantes INSEE ±0,2 : "
            f"{atelier.parametres['ecart_fecondite_variante'][2]}."
        )
        c2.selectbox(
            "Espérance de vie",
            list(ESPERANCES),
            format_func=ESPERANCES.get,
            key="scenarios_esperance",
        )
        c2.caption(
            f"Défaut : centrale ({nombre(atelier.parametres['esperance_vie_2070_hommes'][0], 1)} ans pour "
            f"les hommes, {nombre(atelier.parametres['esperance_vie_2070_femmes'][0], 1)} pour les femmes en "
            f"2070). Source : {atelier.parametres['esperance_vie_2070_hommes'][2]}. Écart de ±2 ans des "
            "variantes : hypothèse Vigie, non vérifiée sur la publication INSEE "
            "(data/reference/parametres_nationaux.csv)."
        )
        c3.number_input(
            "Migrations : départs et arrivées, × combien",
            min_value=0.0,
            max_value=10.0,
            step=0.1,
            format="%g",
            key="scenarios_migrations",
            help="1 prolonge les soldes migratoires récents par âge ; 0,5 les divise par deux "
            "(moins d'arrivées nettes, ou des départs de jeunes moins nombreux) ; 1,5 les augmente "
            "de moitié. Les variantes de l'INSEE retiennent 0,5 et 1,5.",
        )
        c3.caption(
            f"Défaut : 1, les soldes migratoires par âge observés entre les recensements ({fenetre}, "
            "méthode des résidus, INSEE recensement et état civil)."
        )


def logements(atelier: Atelier) -> None:
    """Les programmes de logements du scénario et le formulaire qui en ajoute un."""
    etat = st.session_state
    annee_base = atelier.annee_base
    communes = atelier.communes_territoire
    with st.expander("Logements neufs", expanded=True):
        personnes_defaut, _, source_personnes = atelier.parametres["personnes_par_logement"]
        if not etat["scenarios_programmes"]:
            st.markdown("Aucun programme de logements en plus de la tendance.")
        for i, p in enumerate(etat["scenarios_programmes"]):
            annees = p["annee_fin"] - p["annee_debut"] + 1
            profil = profil_nomme(p["profil_age"])
            ligne_retirable(
                f"**{nombre(p['logements_par_an'] * annees)} logements** à "
                f"{communes.get(p['code_commune'], p['code_commune'])}, livrés de "
                f"{p['annee_debut']} à {p['annee_fin']} ("
                f"{nombre(p['logements_par_an'], 0 if float(p['logements_par_an']).is_integer() else 1)}"
                " par an), "
                f"{nombre(p['personnes_par_logement'] or personnes_defaut, 2)} personnes par logement"
                f" — {PROFILS_ARRIVANTS[profil][0] if profil else 'profil d’âge personnalisé'}",
                "scenarios_programmes",
                i,
                "programme",
            )
        with st.form("scenarios_form_programme", border=True):
            st.markdown("**Ajouter un programme de logements**")
            f1, f2, f3 = st.columns(3)
            codes = list(atelier.perimetre.communes) + [
                c for c in communes if c not in atelier.perimetre.communes
            ]
            commune = f1.selectbox(
                "Commune",
                codes,
                format_func=lambda c: communes.get(c, c),
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
                format="%g",
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
                ajouter(atelier, "scenarios_programmes", programme)
