"""Sources et méthodes — d'où vient chaque chiffre et à quel point s'y fier : les sources avec
leur millésime, leur licence et leur somme de contrôle ; pour chaque famille de chiffres
(projection de population, demande dérivée, prévisions de fréquentation, écarts de capacité) la
méthode en français simple, ses hypothèses et sa précision mesurée.

Décision éclairée : se fier à un chiffre (ou le mettre en doute) avant de le citer en réunion du
conseil.
"""

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.analyses import fiabilite as mesure_fiabilite
from vigie.format_fr import LIBELLE_FOURCHETTE, libelle_fourchette, nombre, pourcentage, seuil
from vigie.interface import composants, connexion, donnees

st.title("Sources et méthodes")
st.write(
    "Chaque chiffre affiché dans Vigie provient d'un fichier enregistré ci-dessous, avec son "
    "éditeur, son millésime, sa licence et son empreinte SHA-256 (qui permet de vérifier que le "
    "fichier n'a pas changé). Tout est calculé sur cet ordinateur : aucune donnée n'est envoyée."
)
st.info(
    "**Ce sont des projections sous hypothèses, pas des prédictions.** Elles disent ce qui "
    "arriverait si la fécondité, la mortalité, les migrations et les usages suivaient les "
    "hypothèses retenues ; les fourchettes disent l'incertitude de calcul, les scénarios ce que "
    "changerait une autre hypothèse."
)

onglets = st.tabs(
    ["Sources des données", "Population", "Besoins en services", "Fréquentation", "Limites"]
)

with onglets[0]:
    sources = donnees.requete("sources_toutes")
    tableau = sources.rename(
        columns={
            "editeur": "Éditeur",
            "titre": "Titre",
            "millesime": "Millésime",
            "licence": "Licence",
            "fichier": "Fichier",
            "tables": "Tables alimentées",
            "importe_le": "Importé le",
        }
    )
    tableau["Lignes"] = sources["lignes"].map(nombre)
    tableau["Empreinte SHA-256"] = sources["sha256"].str.slice(0, 16) + "…"
    colonnes = [
        "Éditeur",
        "Titre",
        "Millésime",
        "Licence",
        "Fichier",
        "Tables alimentées",
        "Lignes",
        "Empreinte SHA-256",
        "Importé le",
    ]
    st.dataframe(tableau[colonnes], hide_index=True, width="stretch")
    composants.telecharger_csv(sources, "vigie_sources.csv", cle="sources_csv")
    st.caption(
        "Paramètres nationaux de référence (quotients de mortalité, fécondité, amélioration de "
        "l'espérance de vie, ratios de demande) : fichiers de `data/reference/`, chacun avec son "
        "éditeur et son millésime décrits dans `data/reference/README.md`."
    )

with onglets[1]:
    st.markdown(
        f"""
**Méthode.** La population de chaque commune est projetée année par année, par sexe et âge
détaillé (0 à 100 ans et plus), selon la méthode des composantes qu'utilise l'INSEE dans son
modèle Omphale : chaque année, on fait vieillir les habitants d'un an, on retire les décès, on
ajoute les naissances et le solde des arrivées et des départs. Les intercommunalités et le
territoire sont la somme de leurs communes : les niveaux concordent par construction.

**Hypothèses du scénario central.**
- *Mortalité* : quotients nationaux de l'INSEE par sexe et âge, ajustés à la mortalité observée du
  territoire quand les décès sont assez nombreux, et qui baissent au rythme de l'hypothèse
  centrale de l'INSEE (espérance de vie à la naissance de 87,5 ans pour les hommes et 90 ans pour
  les femmes en 2070).
- *Fécondité* : calendrier national par âge, au niveau observé des naissances du territoire
  (état civil de chaque commune, ou à défaut les naissances des périodes intercensitaires de la
  série historique). Sans naissances connues, le niveau est estimé d'après les enfants de moins
  de 5 ans au départ, rapportés aux naissances qu'auraient eues les femmes présentes à la
  fécondité nationale (corrigés de la survie et des migrations des enfants) : une estimation.
- *Migrations* : solde des arrivées et des départs par sexe et âge mesuré entre les derniers
  recensements, lissé sur les âges ; une petite commune emprunte le profil de son EPCI ou du
  territoire, pour ne pas produire de taux absurdes.
- *Variantes* : fécondité ±0,2 enfant par femme, espérance de vie ±2 ans en 2070, migrations
  ×0,5 et ×1,5.

**Fourchettes.** Elles viennent de la simulation des composantes : 200 trajectoires où naissances,
décès et migrations varient au hasard autour de leurs taux, et où les taux eux-mêmes dérivent.
La {LIBELLE_FOURCHETTE} contient 8 trajectoires sur 10.

**Fiabilité mesurée.** Le modèle est relancé depuis un recensement passé avec les seules données
connues alors, puis comparé aux recensements suivants :
"""
    )
    scenarios = donnees.requete("projection_scenarios")
    methode = scenarios.loc[scenarios["scenario"] == "central", "methode_intervalles"]
    if len(methode) and methode.iloc[0]:
        # Le libellé technique, tel que le calcul l'a enregistré : pour l'ingénieur qui vérifie.
        st.caption(f"Méthode des fourchettes, en termes techniques : {methode.iloc[0]}")
    fiabilite = donnees.requete("methodes_fiabilite_projection")
    if fiabilite.empty:
        st.caption("Pas de rétro-projection : il faut au moins deux recensements espacés de 5 ans.")
    else:
        tableau = pd.DataFrame(
            {
                "Depuis": fiabilite["annee_origine"].astype(int),
                "Horizon": fiabilite["horizon"].map(lambda h: f"{int(h)} ans"),
                "Niveau": fiabilite["niveau"].map(lambda n: textes.NIVEAUX.get(n, n)),
                "Comparaisons": fiabilite["effectif"].map(nombre),
                "Erreur moyenne": fiabilite["erreur_abs_pct"].map(lambda v: f"{nombre(v, 1)} %"),
                f"Dans la {libelle_fourchette(80)}": fiabilite["couverture_80"].map(pourcentage),
                f"Dans la {libelle_fourchette(95)}": fiabilite["couverture_95"].map(pourcentage),
            }
        )
        composants.tableau(tableau, cle="sources_fiabilite", nom_fichier="fiabilite-projections")
        st.caption(
            f"Une fourchette bien calibrée contient la valeur observée environ {seuil(80)} (ou "
            f"{seuil(95)}) du "
            "temps. Erreur moyenne : écart absolu moyen en %, tous groupes d'âge confondus."
        )

    st.subheader("Fiabilité sur données réelles")
    mesures = donnees.requete("fiabilite_projection")
    if mesures.empty:
        st.caption("Mesures absentes : data/reference/fiabilite_projection.csv n'a pas été chargé.")
    else:
        st.markdown(mesure_fiabilite.introduction(mesures))
        for h in sorted(mesures["horizon"].unique()):
            st.markdown(f"**Écart moyen à {int(h)} ans, par groupe d'âges**")
            composants.tableau(
                mesure_fiabilite.tableau_groupes(mesures, int(h)),
                cle=f"sources_fiabilite_{int(h)}",
                nom_fichier=f"fiabilite-{int(h)}-ans",
            )
        st.markdown("\n".join(f"- {p}" for p in mesure_fiabilite.ce_qui_bat_quoi(mesures)))
        with st.expander("Population totale, fenêtre par fenêtre"):
            composants.tableau(
                mesure_fiabilite.tableau_fenetres(mesures),
                cle="sources_fiabilite_fenetres",
                nom_fichier="fiabilite-fenetres",
            )
        st.markdown(mesure_fiabilite.phrase_communes(donnees.requete("fiabilite_communes")))
        st.caption(mesure_fiabilite.phrase_couverture(mesures))

with onglets[2]:
    st.markdown(
        """
**Méthode.** Le besoin d'un service est la population projetée de l'âge concerné multipliée par
un ratio publié : places de crèche pour 100 enfants de moins de 3 ans, une classe pour 24 élèves,
lits d'EHPAD pour 1 000 personnes de 75 ans ou plus... Le besoin a la même fourchette relative
que la population dont il découle. Il est comparé à la capacité des équipements ouverts chaque
année (ouvertures et fermetures comprises), dans la même unité : l'écart donne l'année où la
demande dépasse la capacité, dans le scénario central et dans l'hypothèse haute.

**Ratios par défaut** (modifiables pour votre territoire sur la page Services) :
"""
    )
    ratios = donnees.requete("ratios_demande")
    ratios = ratios[ratios["defaut"]]
    composants.tableau(
        pd.DataFrame(
            {
                "Service": ratios["service"].map(textes.libelle_service),
                "Ratio": ratios["indicateur"],
                "Âges": [
                    f"{a}-{b} ans" if b < 100 else f"{a} ans ou plus"
                    for a, b in zip(ratios["age_min"], ratios["age_max"], strict=True)
                ],
                "Source": ratios["source_texte"],
                "Année": ratios["annee_source"].astype(int),
            }
        ),
        cle="sources_ratios",
        nom_fichier="ratios-de-besoin",
    )

with onglets[3]:
    st.markdown(
        """
**Méthode.** Pour chaque série (prêts, entrées, repas, voyages, m³, tonnes), plusieurs modèles
statistiques sont essayés : lissage exponentiel (ETS), SARIMA (avec la population projetée comme
facteur quand elle aide), méthode Thêta, modèle à composantes inobservées, et deux références
naïves (reconduire la dernière valeur, ou la même période de l'année précédente). Chacun est
évalué sur le passé (« backtest » : on fait comme si l'on était il y a un, deux, trois ans, et on
compare à ce qui s'est produit) ; le modèle qui s'est le moins trompé à 12 mois est retenu. Le
confinement de 2020 est traité comme un choc temporaire ; une série qui s'arrête (équipement
fermé) n'est pas prolongée.

**Précision mesurée** (MASE : moins de 1 signifie mieux que la reconduction de l'année
précédente) :
"""
    )
    if connexion.previsions_disponibles():
        precision = donnees.requete("methodes_precision_previsions")
        composants.tableau(
            pd.DataFrame(
                {
                    "Service": precision["service"].map(textes.libelle_service),
                    "Séries": precision["series"].astype(int),
                    "Erreur du modèle retenu (MASE)": precision["mase_retenu"].map(
                        lambda v: nombre(v, 2)
                    ),
                    "Erreur de la référence saisonnière": precision["mase_reference"].map(
                        lambda v: nombre(v, 2)
                    ),
                    f"Dans la {libelle_fourchette(80)}": precision["couverture_80"].map(
                        pourcentage
                    ),
                    f"Dans la {libelle_fourchette(95)}": precision["couverture_95"].map(
                        pourcentage
                    ),
                }
            ),
            cle="sources_precision",
            nom_fichier="precision-previsions",
        )
        st.caption(
            "Sur les naissances mensuelles réelles de France (INSEE), un modèle appris jusqu'à "
            "fin 2018 s'est trompé deux fois moins sur 2019-2025 que la reconduction saisonnière "
            "(MASE 1,54 contre 3,46 ; bench/bench_forecasting.py)."
        )
    else:
        st.caption("Les prévisions n'ont pas encore été calculées (python -m vigie forecast).")

with onglets[4]:
    st.markdown(
        """
- Les projections prolongent les tendances récentes : un choc nouveau (fermeture d'une usine,
  grand programme de logements) n'y figure que si vous l'ajoutez comme scénario.
- Pour une commune de quelques centaines d'habitants, les effectifs par âge sont petits : les
  fourchettes sont larges, et c'est honnête. Lisez plutôt les résultats de l'EPCI ou du territoire.
- Un équipement sert souvent plusieurs communes (école, collège, EHPAD) : l'écart de capacité se
  lit à l'échelle du bassin qu'il dessert.
- Les ratios de demande sont des moyennes nationales ; adaptez-les à votre territoire.
- Les ménages suivent des taux par âge constants ; la baisse de la taille des ménages observée
  depuis 50 ans n'est pas prolongée.
"""
    )
