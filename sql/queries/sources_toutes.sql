-- Chaque fichier source de la base, avec les tables qu'il alimente.
select
    editeur,
    titre,
    millesime,
    licence,
    fichier,
    string_agg(distinct nom_table, ', ' order by nom_table) as tables,
    sum(lignes) as lignes,
    any_value(sha256) as sha256,
    max(importe_le) as importe_le
from mart_sources_tables
group by editeur, titre, millesime, licence, fichier
order by editeur, titre
