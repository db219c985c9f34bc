"""Calculs de Vigie (projections, prévisions) : pandas/numpy seulement, ni Streamlit ni DuckDB."""
