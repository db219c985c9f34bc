"""Fréquentation — comment évoluera, dans les trois prochaines années, l'usage des bibliothèques,
piscines, cantines, bus, de l'eau et des déchets, avec le modèle choisi pour chaque série et sa
réussite sur le passé.

Décision éclairée : prévoir horaires d'ouverture, personnel, budgets et contrats sur une prévision
avec sa fourchette, en sachant à quel point les prévisions passées ont été justes.
"""

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.analyses import previsions
from vigie.figures.usages import figure_prevision_usage
from vigie.format_fr import fourchette, libelle_fourchette, nombre, pourcentage, seuil
from vigie.interface import barre_laterale, composants, connexion, donnees

selection = barre_laterale.selection_courante()
st.title("Fréquentation des services")
st.caption(
    f"{selection.libelle} · prévisions à trois ans des séries d'usage, chaque modèle choisi par "
    "backtest contre les références naïves"
)

if not connexion.previsions_disponibles():
    if connexion.previsions_en_cours():
        st.info(
            "Les prévisions de fréquentation sont en cours de calcul ; la durée dépend du nombre "
            "de séries et de la charge de l'ordinateur. Rechargez la page dans un moment."
        )
    else:
        st.info(
            "Les prévisions de fréquentation n'ont pas encore été calculées "
            "(commande « python -m vigie forecast »)."
        )
        if st.button("Calculer les prévisions maintenant", key="frequentation_calculer"):
            connexion.lancer_previsions_en_arriere_plan()
            st.rerun()
    st.stop()

series = donnees.requete("frequentation_series", niveau=selection.niveau, code=selection.code)
composants.arreter_si_vide(
    "Aucune série d'usage enregistrée dans ce périmètre. Importez vos relevés de "
    "fréquentation (modèle de fichier long : série, période, valeur, unité).",
    series,
    avertir=False,
)

calcul = donnees.requete("frequentation_calcul")
source_usages = donnees.ligne_source("usage_observation", selection.niveau, selection.code)
if not calcul.empty:
    source_usages += f" · prévisions Vigie du {calcul.iloc[0]['fin']:%d/%m/%Y}"


def _libelle(ligne) -> str:
    lieu = ligne.nom_equipement or ligne.nom_commune
    return f"{textes.libelle_service(ligne.service)} — {ligne.indicateur}, {lieu}"


services = sorted(series["service"].unique(), key=textes.libelle_service)
service = st.selectbox(
    "Service", services, format_func=textes.libelle_service, key="frequentation_service"
)
du_service = series[series["service"] == service]
libelles = {ligne.id_serie: _libelle(ligne) for ligne in du_service.itertuples()}
choix = st.selectbox(
    "Série", list(libelles), format_func=libelles.__getitem__, key="frequentation_serie"
)
ligne = next(du_service[du_service["id_serie"] == choix].itertuples())

observations = donnees.requete("frequentation_observations", id_serie=choix)
prevision = donnees.requete("frequentation_prevision", id_serie=choix)
composants.graphique(
    figure_prevision_usage(observations, prevision, _libelle(ligne), ligne.unite, source_usages),
    cle="frequentation_graphique",
)

if ligne.statut == "serie_interrompue":
    ferme = pd.notna(ligne.annee_fermeture)
    fermeture = f" (fermé en {int(ligne.annee_fermeture)})" if ferme else ""
    st.warning(
        f"Série interrompue : l'équipement ne produit plus de relevés{fermeture}. Pas de prévision."
    )
elif not prevision.empty:
    derniere = prevision.iloc[-1]
    c1, c2, c3 = st.columns(3)
    composants.chiffre_cle(
        c1,
        f"Prévision pour {derniere['periode']:%m/%Y}",
        nombre(derniere["moyenne"]),
        f"{libelle_fourchette()} : {nombre(derniere['bas_80'])} à {nombre(derniere['haut_80'])}",
        aide=fourchette(
            derniere["bas_80"],
            derniere["moyenne"],
            derniere["haut_80"],
            ligne.unite,
            etiquette=True,
        )
        + ".",
    )
    gain = (1 - ligne.mase_retenu / ligne.mase_reference) if ligne.mase_reference else None
    composants.chiffre_cle(
        c2,
        "Modèle retenu",
        ligne.libelle_modele,
        f"erreur {pourcentage(gain)} plus faible que la référence"
        if gain and gain > 0
        else "aucun modèle ne bat la référence : elle est reprise",
        aide="Choisi par backtest glissant : le modèle à la plus petite erreur MASE à "
        f"{int(ligne.horizon_backtest or 12)} mois sur les années passées. La référence est la "
        "reconduction de la même période de l'année précédente.",
    )
    composants.chiffre_cle(
        c3,
        "Erreur au backtest (MASE)",
        nombre(ligne.mase_retenu, 2),
        f"référence saisonnière : {nombre(ligne.mase_reference, 2)}",
        aide="MASE < 1 : le modèle fait mieux que la reconduction de l'année précédente.",
    )
    if "repli_sur_reference" in (ligne.drapeaux or ""):
        st.warning(
            "Le modèle choisi produisait une prévision invraisemblable : la référence "
            "naïve est affichée à la place."
        )
    if ligne.pilote and ligne.modele == "sarimax_population":
        st.caption(
            f"Le modèle retenu s'appuie sur la population : {ligne.pilote} (observée, puis "
            "projetée dans le scénario central)."
        )
    elif ligne.pilote:
        st.caption(
            f"Un modèle s'appuyant sur la population ({ligne.pilote}) a aussi été essayé ; il ne "
            "faisait pas mieux sur le passé que le modèle retenu."
        )

precision = donnees.requete("frequentation_precision", id_serie=choix)
if not precision.empty and pd.notna(precision.iloc[0]["smape_retenu"]):
    p = precision.iloc[0]
    phrase = (
        f"Sur les années passées, à {int(ligne.horizon_backtest or 12)} mois, ce modèle s'est "
        f"trompé de {nombre(p['smape_retenu'], 1)} % en moyenne"
    )
    if pd.notna(p["smape_reference"]):
        phrase += (
            f", contre {nombre(p['smape_reference'], 1)} % pour la simple reconduction de "
            "l'année précédente"
        )
    if pd.notna(p["couverture_80"]):
        phrase += (
            f" ; la réalité est tombée dans sa {libelle_fourchette()} dans "
            f"{pourcentage(p['couverture_80'], 0)} des cas"
        )
    st.markdown(phrase + ".")

st.subheader(f"{textes.libelle_service(service)} : tous les équipements du territoire")
comparaison = donnees.requete(
    "frequentation_comparaison", niveau=selection.niveau, code=selection.code, service=service
)
tableau = comparaison.assign(
    Équipement=comparaison["nom_equipement"].fillna(comparaison["nom_commune"]),
    Commune=comparaison["nom_commune"],
)
tableau["12 derniers mois"] = [
    f"{nombre(v)} {u}" if pd.notna(v) else "–"
    for v, u in zip(comparaison["derniers_12_mois"], comparaison["unite"], strict=True)
]
tableau["12 prochains mois (central)"] = [
    f"{nombre(v)} {u}" if pd.notna(v) else "pas de prévision"
    for v, u in zip(comparaison["prochains_12_mois"], comparaison["unite"], strict=True)
]
tableau["Évolution"] = [
    pourcentage(b / a - 1, signe=True) if pd.notna(a) and pd.notna(b) and a else "–"
    for a, b in zip(comparaison["derniers_12_mois"], comparaison["prochains_12_mois"], strict=True)
]
tableau["Modèle"] = comparaison["libelle_modele"].fillna("–")
tableau["Erreur (MASE) / référence"] = [
    f"{nombre(m, 2)} / {nombre(r, 2)}" if pd.notna(m) and pd.notna(r) else "–"
    for m, r in zip(comparaison["mase_retenu"], comparaison["mase_reference"], strict=True)
]
colonnes = [
    "Équipement",
    "Commune",
    "12 derniers mois",
    "12 prochains mois (central)",
    "Évolution",
    "Modèle",
    "Erreur (MASE) / référence",
]
st.dataframe(tableau[colonnes], hide_index=True, width="stretch")
st.download_button(
    "Télécharger ce tableau (CSV)",
    tableau[colonnes].to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig"),
    file_name=f"vigie_frequentation_{service}_{selection.code}.csv",
    mime="text/csv",
    key="frequentation_csv",
)

with st.expander("Fiabilité : comment chaque modèle a fait sur le passé"):
    retro = donnees.requete("frequentation_backtest", id_serie=choix)
    if retro.empty:
        st.write("Pas de backtest pour cette série.")
    else:
        horizon = int(ligne.horizon_backtest or retro["horizon"].max())
        tableau = previsions.tableau_backtest(retro, horizon)
        st.caption(
            f"Erreurs cumulées jusqu'à {horizon} mois, sur plusieurs origines successives. Un "
            f"intervalle bien calibré contient la réalité environ {seuil(80)} (ou {seuil(95)}) du "
            "temps."
        )
        composants.tableau(
            tableau,
            cle="frequentation_backtest",
            nom_fichier=f"frequentation-backtest-{choix}",
        )
    diagnostics = donnees.requete("frequentation_diagnostics", id_serie=choix)
    for d in diagnostics.itertuples():
        (st.warning if d.niveau != "info" else st.caption)(d.message)
