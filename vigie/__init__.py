"""Vigie: the application package that connects the face (Streamlit pages) to the store (DuckDB)
and the models (population projection, service demand)."""

__version__ = "0.1.0"
