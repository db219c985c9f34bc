"""Les capacités des équipements sur la page Services : un tableau que l'utilisateur corrige
(`st.data_editor`) — corriger une capacité, ajouter un équipement (une crèche de 30 places dans une
commune), en fermer un — et l'annulation de ses saisies.

Les saisies sont contrôlées et gardées par `vigie.reglages.capacites` (base de l'utilisateur,
réécrites dans la base construite) : toutes les pages et tous les exports les voient, avec la
source « Saisie locale » et leur date ; la valeur importée reste affichée à côté.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.format_fr import nombre
from vigie.interface import donnees
from vigie.interface.besoins import Contexte
from vigie.reglages import capacites
from vigie.stockage import base_utilisateur, catalogue_services, verrou
from vigie.stockage.base import ErreurBase

COLONNES = {
    "nom": "Équipement",
    "service": "Service",
    "commune": "Commune",
    "capacite": "Capacité",
    "unite_capacite": "Unité",
    "annee_ouverture": "Ouverture",
    "annee_fermeture": "Fermeture",
    "origine": "Source",
}


def _origine(r) -> str:
    """D'où viennent les valeurs d'une ligne, avec la valeur importée qu'une saisie a remplacée."""
    if not r.saisie_locale:
        return str(r.source)
    texte = str(r.source).replace("Saisie locale, saisie", "Saisie locale")
    if r.ajoute:
        return f"{texte} (équipement ajouté)"
    importe = (
        f"{nombre(r.capacite_importee)} {r.unite_importee or ''}".strip()
        if pd.notna(r.capacite_importee)
        else "sans capacité"
    )
    return f"{texte} — importé : {importe} ({r.source_importee})"


def tableau(equipements: pd.DataFrame, communes: dict[str, str]) -> pd.DataFrame:
    """Le tableau de l'éditeur : une ligne par équipement, dans les mots de la page (service et
    commune par leur nom, années en nombres entiers, la source de chaque ligne)."""
    return pd.DataFrame(
        {
            "nom": equipements["nom"].astype(str),
            "service": equipements["service"].map(textes.libelle_service),
            "commune": [communes.get(c, c) for c in equipements["code_commune"]],
            "capacite": equipements["capacite"].astype(float),
            "unite_capacite": equipements["unite_capacite"],
            "annee_ouverture": equipements["annee_ouverture"].astype("Int64"),
            "annee_fermeture": equipements["annee_fermeture"].astype("Int64"),
            "origine": [_origine(r) for r in equipements.itertuples()],
        }
    ).reset_index(drop=True)


def _valeur(v):
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def saisies_du_tableau(
    equipements: pd.DataFrame,
    table: pd.DataFrame,
    etat: dict,
    services_par_libelle: dict[str, str],
    codes_par_libelle: dict[str, str],
    service_defaut: str = "",
) -> tuple[list[capacites.Saisie], list[str], list[str]]:
    """L'état des modifications de l'éditeur changé en saisies : (équipements modifiés ou ajoutés,
    équipements ajoutés supprimés du tableau, refus en français).

    Args:
        equipements: les lignes affichées (`capacites_perimetre`), dans l'ordre du tableau.
        table: le tableau donné à l'éditeur (`tableau`).
        etat: `st.session_state[key]` de l'éditeur (edited_rows, added_rows, deleted_rows).
        service_defaut: le service d'une ligne ajoutée laissée sans service (le service affiché) ;
            son unité est alors l'unité de capacité du service (registre).
    """
    saisies, annulees, refus = [], [], []

    def saisie(ident, valeurs: dict, ligne: int, type_equipement: str = "") -> capacites.Saisie:
        return capacites.Saisie(
            id_equipement=ident,
            nom=_valeur(valeurs.get("nom")) or "",
            service=services_par_libelle.get(valeurs.get("service"), valeurs.get("service") or ""),
            code_commune=codes_par_libelle.get(
                valeurs.get("commune"), valeurs.get("commune") or ""
            ),
            capacite=_valeur(valeurs.get("capacite")),
            unite_capacite=_valeur(valeurs.get("unite_capacite")),
            annee_ouverture=_valeur(valeurs.get("annee_ouverture")),
            annee_fermeture=_valeur(valeurs.get("annee_fermeture")),
            type_equipement=type_equipement,
            ligne=ligne,
        )

    for position, changes in sorted((int(k), v) for k, v in etat.get("edited_rows", {}).items()):
        avant = {c: _valeur(table.at[position, c]) for c in COLONNES if c != "origine"}
        apres = avant | {c: v for c, v in changes.items() if c in avant}
        if apres == avant:
            continue
        ligne = equipements.iloc[position]
        saisies.append(
            saisie(ligne["id_equipement"], apres, position + 1, str(ligne["type_equipement"]))
        )
    for rang, ajout in enumerate(etat.get("added_rows", [])):
        if all(_valeur(v) is None for v in ajout.values()):
            continue
        ajout = dict(ajout)
        if _valeur(ajout.get("service")) is None and service_defaut:
            ajout["service"] = textes.libelle_service(service_defaut)
        code_service = services_par_libelle.get(ajout.get("service"), "")
        registre = catalogue_services.service(code_service)
        if _valeur(ajout.get("unite_capacite")) is None and registre and registre.unite_capacite:
            ajout["unite_capacite"] = registre.unite_capacite
        saisies.append(saisie(None, ajout, len(table) + rang + 1))
    for position in sorted(int(p) for p in etat.get("deleted_rows", [])):
        ligne = equipements.iloc[position]
        if bool(ligne["ajoute"]):
            annulees.append(str(ligne["id_equipement"]))
        else:
            refus.append(
                f"Ligne {position + 1} (« {ligne['nom']} ») : un équipement importé ne se "
                "supprime pas. Pour le fermer, indiquez dans « Fermeture » sa première année "
                "sans lui ; pour revenir aux valeurs importées, annulez sa saisie sous le tableau."
            )
    return saisies, annulees, refus


def afficher(ctx: Contexte, service: str) -> None:
    """L'éditeur des capacités du périmètre (le service choisi, ou tous)."""
    niveau, code = ctx.selection.niveau, ctx.selection.code
    st.markdown("#### Capacités des équipements")
    st.caption(
        "Corrigez une capacité, ajoutez un équipement (dernière ligne du tableau) ou fermez-en un "
        "(« Fermeture » : sa première année sans lui), puis enregistrez. Les capacités importées "
        "(BPE, FINESS, Éducation nationale, modèle de capacités) restent la base : vos saisies "
        "les remplacent dans toutes les pages et tous les exports, avec pour source « Saisie "
        "locale » et leur date, et survivent à une reconstruction des données."
    )
    tous = st.toggle("Tous les services", key=f"services_capacites_tous_{niveau}_{code}")
    try:
        equipements = donnees.requete("capacites_perimetre", niveau=niveau, code=code)
    except ErreurBase:  # une base construite avant l'issue 15 n'a pas de table equipement_importe
        st.warning(
            "Cette base a été construite par une version antérieure de Vigie : reconstruisez-la "
            "(« python -m vigie build » ou le bouton « Reconstruire la base ») pour corriger les "
            "capacités ici.",
            icon=":material/warning:",
        )
        return
    if not tous:
        equipements = equipements[equipements["service"] == service]
    equipements = equipements.reset_index(drop=True)
    communes_df = donnees.requete("communes_du_perimetre", niveau=niveau, code=code)
    communes = {
        c: f"{n} ({c})"
        for c, n in zip(communes_df["code_commune"], communes_df["nom_commune"], strict=True)
    }
    table = tableau(equipements, communes)
    registre = catalogue_services.services()
    libelles = {s.libelle: s.code for s in registre}
    libelles.update({textes.libelle_service(s): s for s in equipements["service"].unique()})
    defaut = catalogue_services.service(service)
    unites = sorted(
        {s.unite_capacite for s in registre if s.unite_capacite}
        | set(equipements["unite_capacite"].dropna())
    )
    cle = f"services_capacites_{niveau}_{code}_{'tous' if tous else service}"
    with st.form(key=f"{cle}_formulaire", border=False):
        st.data_editor(
            table,
            key=cle,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            placeholder="–",
            # Ce qu'on corrige d'abord (capacité, unité, années) et sa provenance visibles à
            # 1280 px ; puis le service et la commune.
            column_order=[
                "nom",
                "capacite",
                "unite_capacite",
                "annee_ouverture",
                "annee_fermeture",
                "origine",
                "service",
                "commune",
            ],
            column_config={
                "nom": st.column_config.TextColumn(COLONNES["nom"], required=True, width="medium"),
                "service": st.column_config.SelectboxColumn(
                    COLONNES["service"],
                    options=list(libelles),
                    default=textes.libelle_service(service),
                    required=True,
                ),
                "commune": st.column_config.SelectboxColumn(
                    COLONNES["commune"],
                    options=list(communes.values()),
                    required=True,
                    help="Une commune du périmètre choisi dans la barre latérale.",
                ),
                "capacite": st.column_config.NumberColumn(
                    COLONNES["capacite"],
                    width=100,
                    help="Places, lits, classes ou élèves : voir « Unité ».",
                ),
                "unite_capacite": st.column_config.SelectboxColumn(
                    COLONNES["unite_capacite"],
                    options=unites,
                    width=100,
                    default=defaut.unite_capacite if defaut and defaut.unite_capacite else None,
                ),
                "annee_ouverture": st.column_config.NumberColumn(
                    COLONNES["annee_ouverture"], step=1, format="%d", width=100
                ),
                "annee_fermeture": st.column_config.NumberColumn(
                    COLONNES["annee_fermeture"],
                    step=1,
                    width=100,
                    format="%d",
                    help="La première année sans l'équipement ; vide : toujours ouvert.",
                ),
                "origine": st.column_config.TextColumn(
                    COLONNES["origine"], disabled=True, width="medium"
                ),
            },
        )
        enregistrer = st.form_submit_button(
            "Enregistrer les capacités", type="primary", key=f"{cle}_enregistrer"
        )
    if enregistrer:
        saisies, annulees, refus = saisies_du_tableau(
            equipements,
            table,
            st.session_state.get(cle, {}),
            libelles,
            {v: k for k, v in communes.items()},
            service,
        )
        if refus:
            for texte in refus:
                st.error(texte, icon=":material/error:")
        elif not saisies and not annulees:
            st.info("Aucune modification à enregistrer.", icon=":material/info:")
        else:
            _enregistrer(cle, lambda: capacites.enregistrer(saisies, annulees), len(saisies))
    saisis = equipements[equipements["saisie_locale"]]
    if not saisis.empty:
        choix = st.multiselect(
            "Annuler mes saisies pour",
            list(saisis["id_equipement"]),
            format_func=dict(zip(saisis["id_equipement"], saisis["nom"], strict=True)).get,
            key=f"{cle}_annuler_choix",
            placeholder="Choisissez un ou plusieurs équipements",
            help="Un équipement corrigé reprend ses valeurs importées ; un équipement ajouté "
            "disparaît.",
        )
        if st.button("Annuler ces saisies", key=f"{cle}_annuler", disabled=not choix):
            _enregistrer(cle, lambda: capacites.annuler(choix), 0)


def _enregistrer(cle: str, ecrire, nombre_saisies: int) -> None:
    """Écrit, puis montre le résultat ; l'éditeur repart des valeurs enregistrées."""
    try:
        remarques = ecrire()
    except capacites.ErreurCapacite as erreur:
        for texte in erreur.erreurs:
            st.error(texte, icon=":material/error:")
        return
    except (base_utilisateur.BaseUtilisateurOccupee, verrou.EcritureOccupee) as erreur:
        st.error(str(erreur), icon=":material/error:")
        return
    for k in [k for k in st.session_state if str(k).startswith(cle)]:
        del st.session_state[k]
    texte = (
        f"Capacités enregistrées ({nombre(nombre_saisies)} équipement"
        f"{'s' if nombre_saisies > 1 else ''}) : source « Saisie locale »."
        if nombre_saisies
        else "Saisies annulées : valeurs importées rétablies."
    )
    if remarques:
        texte += " " + " ".join(remarques)
    st.session_state["services_message"] = texte
    st.rerun()
