"""Données d'entrée de la projection et leur validation (messages d'erreur en français).

Les DataFrames suivent le modèle de données de Vigie (GUIDE §3) : ``code_commune``, ``annee``,
``sexe`` (1 hommes, 2 femmes), ``age`` (0..100, 100 = 100 ans et plus).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

COLONNES = {
    "population": ["code_commune", "annee", "sexe", "age", "population"],
    "naissances": ["code_commune", "annee", "sexe", "naissances"],
    "deces": ["code_commune", "annee", "sexe", "age", "deces"],
    "communes": ["code_commune", "code_epci"],
    "etat_civil": ["code_commune", "annee_debut", "annee_fin", "naissances", "deces"],
}


class ErreurDonnees(ValueError):
    """Donnée d'entrée inutilisable ; le message (français) nomme la table, la colonne et la valeur."""


def _verifier_colonnes(nom: str, df: pd.DataFrame) -> None:
    if not isinstance(df, pd.DataFrame):
        raise ErreurDonnees(
            f"{nom} : un tableau (DataFrame) est attendu, reçu {type(df).__name__}."
        )
    manquantes = [c for c in COLONNES[nom] if c not in df.columns]
    if manquantes:
        raise ErreurDonnees(
            f"{nom} : colonne(s) manquante(s) {', '.join(manquantes)} "
            f"(colonnes attendues : {', '.join(COLONNES[nom])})."
        )


def _verifier_valeurs(nom: str, df: pd.DataFrame, valeur: str | None) -> None:
    if "sexe" in df.columns:
        mauvais = ~df["sexe"].isin([1, 2])
        if mauvais.any():
            v = df.loc[mauvais, "sexe"].iloc[0]
            raise ErreurDonnees(
                f"{nom} : colonne sexe, valeur {v!r} ; attendu 1 (hommes) ou 2 (femmes)."
            )
    if "age" in df.columns:
        mauvais = ~df["age"].between(0, 100)
        if mauvais.any():
            v = df.loc[mauvais, "age"].iloc[0]
            raise ErreurDonnees(
                f"{nom} : colonne age, valeur {v!r} ; attendu un âge entre 0 et 100 "
                "(100 = 100 ans et plus). Regroupez les âges supérieurs dans 100."
            )
    if valeur is not None:
        v = pd.to_numeric(df[valeur], errors="coerce")
        if v.isna().any():
            raise ErreurDonnees(f"{nom} : colonne {valeur}, valeur manquante ou non numérique.")
        if (v < 0).any():
            raise ErreurDonnees(
                f"{nom} : colonne {valeur}, valeur négative {v[v < 0].iloc[0]} ; "
                "les effectifs doivent être positifs ou nuls."
            )
    cles = [c for c in COLONNES[nom] if c != valeur]
    if df.duplicated(cles).any():
        ligne = df[df.duplicated(cles)].iloc[0]
        raise ErreurDonnees(
            f"{nom} : ligne en double pour {', '.join(f'{c}={ligne[c]}' for c in cles)}."
        )


def _valider_evenements(nom: str, df: pd.DataFrame | None, types: dict) -> pd.DataFrame | None:
    """Un tableau facultatif d'événements d'état civil détaillés (``naissances`` ou ``deces``) :
    ``None`` s'il est absent ou vide, sinon ses seules colonnes attendues (``COLONNES[nom]``),
    vérifiées (colonnes, sexe, âge, valeurs) et converties en ``types``. Seule validation de ces
    deux tableaux, appelée par ``DonneesProjection.valider``."""
    if df is None or not len(df):
        return None
    _verifier_colonnes(nom, df)
    tableau = df[COLONNES[nom]].copy()
    tableau["code_commune"] = tableau["code_commune"].astype(str)
    _verifier_valeurs(nom, tableau, nom)
    return tableau.astype(types)


def _valider_etat_civil(df: pd.DataFrame) -> pd.DataFrame:
    _verifier_colonnes("etat_civil", df)
    ec = df[COLONNES["etat_civil"]].copy()
    ec["code_commune"] = ec["code_commune"].astype(str)
    for col in ("annee_debut", "annee_fin"):
        v = pd.to_numeric(ec[col], errors="coerce")
        if v.isna().any():
            raise ErreurDonnees(f"etat_civil : colonne {col}, année manquante ou non numérique.")
        ec[col] = v.astype(int)
    mauvais = ec["annee_fin"] <= ec["annee_debut"]
    if mauvais.any():
        ligne = ec[mauvais].iloc[0]
        raise ErreurDonnees(
            f"etat_civil : commune {ligne['code_commune']}, période {ligne['annee_debut']} → "
            f"{ligne['annee_fin']} : annee_fin doit suivre annee_debut (fin exclue : une année "
            "seule s'écrit annee_debut → annee_debut + 1)."
        )
    for col in ("naissances", "deces"):
        v = pd.to_numeric(ec[col], errors="coerce")
        if (v < 0).any():
            raise ErreurDonnees(
                f"etat_civil : colonne {col}, valeur négative {v[v < 0].iloc[0]} ; "
                "les effectifs doivent être positifs ou nuls (vide = inconnu)."
            )
        ec[col] = v.astype(float)
    cles = ["code_commune", "annee_debut", "annee_fin"]
    if ec.duplicated(cles).any():
        ligne = ec[ec.duplicated(cles)].iloc[0]
        raise ErreurDonnees(
            f"etat_civil : ligne en double pour {', '.join(f'{c}={ligne[c]}' for c in cles)}."
        )
    return ec


@dataclass
class DonneesProjection:
    """Les tableaux que le magasin de données fournit à la projection.

    Attributes:
        population: population au 1er janvier par commune, année, sexe, âge (plusieurs années :
            série annuelle ou deux recensements espacés de cinq ans).
        communes: appartenance ``code_commune`` -> ``code_epci`` (et ``code_territoire`` facultatif).
        naissances: naissances de l'année par commune et sexe de l'enfant (facultatif).
        deces: décès de l'année par commune, sexe et âge au 1er janvier (facultatif ; sans eux, les
            quotients nationaux sont appliqués sans ajustement local).
        etat_civil: naissances et décès totaux (tous sexes et âges) par commune et période
            ``annee_debut`` (incluse) → ``annee_fin`` (exclue) : une année de l'état civil communal
            (``annee_fin = annee_debut + 1``) ou une période intercensitaire des séries
            historiques (NAIS1521, DECE1521 : 2015 → 2021). Facultatif ; utilisé pour une commune et
            une année sans ligne dans ``naissances`` (``deces``), en moyenne annuelle ; une valeur
            manquante (NaN) dit « inconnu ».
    """

    population: pd.DataFrame
    communes: pd.DataFrame
    naissances: pd.DataFrame | None = None
    deces: pd.DataFrame | None = None
    etat_civil: pd.DataFrame | None = None

    def valider(self) -> DonneesProjection:
        """Vérifie et normalise les types ; renvoie une copie propre.

        Raises:
            ErreurDonnees: avec un message en français nommant la table et la colonne.
        """
        _verifier_colonnes("population", self.population)
        _verifier_colonnes("communes", self.communes)
        pop = self.population[COLONNES["population"]].copy()
        if pop.empty:
            raise ErreurDonnees("population : le tableau est vide.")
        pop["code_commune"] = pop["code_commune"].astype(str)
        _verifier_valeurs("population", pop, "population")
        pop = pop.astype({"annee": int, "sexe": int, "age": int, "population": float})
        if pop["annee"].nunique() < 2:
            raise ErreurDonnees(
                "population : au moins deux années (deux recensements) sont nécessaires pour "
                f"estimer les migrations ; reçu seulement {pop['annee'].unique().tolist()}."
            )
        com = self.communes.copy()
        com["code_commune"] = com["code_commune"].astype(str)
        com["code_epci"] = com["code_epci"].astype(str)
        if "code_territoire" not in com.columns:
            com["code_territoire"] = "territoire"
        com["code_territoire"] = com["code_territoire"].astype(str)
        if com["code_commune"].duplicated().any():
            c = com.loc[com["code_commune"].duplicated(), "code_commune"].iloc[0]
            raise ErreurDonnees(f"communes : la commune {c} apparaît deux fois.")
        inconnues = sorted(set(pop["code_commune"]) - set(com["code_commune"]))
        if inconnues:
            raise ErreurDonnees(
                f"communes : commune(s) {', '.join(inconnues[:5])} présente(s) dans population "
                "mais sans EPCI ; complétez la table des communes."
            )
        nais = _valider_evenements(
            "naissances", self.naissances, {"annee": int, "sexe": int, "naissances": float}
        )
        dec = _valider_evenements(
            "deces", self.deces, {"annee": int, "sexe": int, "age": int, "deces": float}
        )
        ec = None
        if self.etat_civil is not None and len(self.etat_civil):
            ec = _valider_etat_civil(self.etat_civil)
        return DonneesProjection(
            population=pop, communes=com, naissances=nais, deces=dec, etat_civil=ec
        )

    def restreindre(self, codes) -> DonneesProjection:
        """Copie réduite aux communes ``codes`` (tous les tableaux)."""
        codes = set(codes)

        def garder(df):
            return None if df is None else df[df["code_commune"].isin(codes)]

        return DonneesProjection(
            population=garder(self.population),
            communes=garder(self.communes),
            naissances=garder(self.naissances),
            deces=garder(self.deces),
            etat_civil=garder(self.etat_civil),
        )

    def jusqu_a(self, annee: int) -> DonneesProjection:
        """Copie restreinte aux données connues au 1er janvier ``annee`` (pour les rétro-projections)."""
        pop = self.population[self.population["annee"] <= annee]
        nais = (
            None if self.naissances is None else self.naissances[self.naissances["annee"] < annee]
        )
        dec = None if self.deces is None else self.deces[self.deces["annee"] < annee]
        ec = (
            None
            if self.etat_civil is None
            else self.etat_civil[self.etat_civil["annee_fin"] <= annee]
        )
        return DonneesProjection(
            population=pop, communes=self.communes, naissances=nais, deces=dec, etat_civil=ec
        )
