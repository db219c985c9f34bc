"""Sources et méthodes — where every figure comes from: publisher, vintage, licence, file checksum.

Decision supported: trust (or question) a figure by tracing it to its source before quoting it.
"""

import streamlit as st

from vigie.format_fr import nombre
from vigie.interface import donnees

st.title("Sources et méthodes")
st.write(
    "Chaque chiffre affiché dans Vigie provient d'un fichier enregistré ci-dessous, avec son "
    "éditeur, son millésime, sa licence et son empreinte SHA-256 (qui permet de vérifier que le "
    "fichier n'a pas changé). Tout est calculé sur cet ordinateur : aucune donnée n'est envoyée."
)

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
st.dataframe(
    tableau[
        [
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
    ],
    hide_index=True,
    width="stretch",
)
st.download_button(
    "Télécharger la liste des sources (CSV)",
    sources.to_csv(index=False, sep=";").encode("utf-8-sig"),
    file_name="vigie_sources.csv",
    mime="text/csv",
    key="sources_csv",
)

st.subheader("Méthodes")
st.markdown(
    """
- **Population** : recensement de la population de l'INSEE, au 1er janvier de l'année de
  référence, par commune, sexe et âge détaillé (0 à 100 ans et plus). Les territoires (EPCI, Pays)
  sont la somme de leurs communes, dans la géographie en vigueur.
- **Naissances et décès** : état civil, par commune de domicile ; les décès sont comptés par âge
  au 1er janvier de l'année (âge de la cohorte).
- **Équipements** : capacités déclarées (places, lits, classes, élèves) et années d'ouverture et
  de fermeture.
- **Évolution depuis le recensement précédent** : comparaison avec l'année de référence cinq ans
  plus tôt, comme le fait l'INSEE (un cycle complet du recensement rénové).
"""
)
