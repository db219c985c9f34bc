"""Les prévisions de fréquentation telles que les pages les lisent : le nom en français de chaque
modèle candidat (le registre de `models.prevision`) et le tableau du backtest d'une série, mis en
forme pour la lecture (MASE, sMAPE, couvertures des intervalles, modèle retenu)."""

from __future__ import annotations

import pandas as pd

from models.prevision import REGISTRE
from vigie.format_fr import nombre, pourcentage, seuil


def libelle_modele(code: str) -> str:
    """Le nom en français d'un modèle candidat (son code s'il n'est plus au registre)."""
    return getattr(REGISTRE.get(code), "libelle", code)


def tableau_backtest(retro: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Les erreurs de chaque modèle à l'horizon de backtest (requête `frequentation_backtest`),
    en colonnes lisibles : Modèle, MASE, sMAPE, Couverture 80 %, Couverture 95 %, Retenu."""
    t = retro[retro["horizon"] == horizon]
    return pd.DataFrame(
        {
            "Modèle": t["modele"].map(libelle_modele),
            "MASE": t["mase"].map(lambda v: nombre(v, 2)),
            "sMAPE": t["smape"].map(lambda v: pourcentage(v / 100) if v == v else "–"),
            f"Couverture {seuil(80)}": t["couverture_80"].map(pourcentage),
            f"Couverture {seuil(95)}": t["couverture_95"].map(pourcentage),
            "Retenu": t["retenu"].map({True: "oui", False: ""}),
        }
    ).reset_index(drop=True)
