"""Le côté Streamlit du paquet de l'application : connexion, requêtes en cache, barre latérale,
composants partagés.

Seul ce sous-paquet (avec `pages/` et `dashboard.py`) importe streamlit.
"""
