"""Territoire fictif de démonstration : géographie, démographie simulée, équipements, usages.

`python -m vigie.demo.generator` réécrit data/demo/ de façon déterministe.
"""
