"""Les figures Plotly de Vigie, fonctions pures de DataFrames (sans streamlit), reprises par les
documents : `styles` (palette, fourchettes, traits, titre et source, communs à toutes), puis un
module par famille de pages (`accueil`, `population`, `services`, `scenarios`, `usages`, `carte`,
`donnees`). N'importe que `vigie.analyses`, `vigie.textes` et `vigie.format_fr`."""
