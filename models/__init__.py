"""Modèles de Vigie : calculs purs sur des DataFrames pandas et des tableaux numpy.

Ce paquet n'importe ni streamlit ni duckdb, pour être testé, mesuré et exécuté seul.
Sous-paquets : ``projection`` (projection démographique par composantes, issue 4) et
``forecasting`` (prévision des séries d'usage des services, issue 5).
"""
