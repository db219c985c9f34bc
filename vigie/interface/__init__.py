"""The Streamlit side of the app package: connection, cached queries, sidebar, shared widgets.

Only this subpackage (and `pages/`, `dashboard.py`) imports streamlit.
"""
