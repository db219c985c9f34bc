"""Vigie : le paquet applicatif qui relie la façade (pages Streamlit) au stockage (DuckDB) et aux
modèles (projection de population, demande de services, prévisions d'usage)."""

__version__ = "0.1.0"
