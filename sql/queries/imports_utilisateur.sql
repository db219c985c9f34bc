-- Les fichiers importés par l'utilisateur (origine = 'import'), avec les tables qu'ils alimentent
-- et leurs lignes.
select
    source.fichier,
    source.editeur,
    source.titre,
    source.millesime,
    source.annee_cog,
    source.licence,
    source.url,
    source.sha256,
    source.importe_le,
    string_agg(distinct lignes.nom_table, ', ' order by lignes.nom_table) as tables,
    coalesce(sum(lignes.lignes), 0) as lignes
from source
left join mart_sources_tables as lignes on lignes.id_source = source.id_source
where source.origine = 'import'
group by all
order by source.importe_le, source.fichier
