-- Every source file whose rows describe the communes of one perimeter, with the tables it feeds
-- (as sources_toutes, for a perimeter's meeting pack): the rows of tables by commune count only
-- for the perimeter's communes, so a real territory's pack never cites the demo files; tables
-- without commune codes (ratios, national parameters...) give all their sources.
-- Grain: one row per source file. Parameters: $niveau, $code.
with

lignes as (
    select nom_table, id_source from sources_du_perimetre($niveau, $code)
),

final as (
    select
        source.editeur,
        source.titre,
        source.millesime,
        source.licence,
        source.fichier,
        string_agg(distinct lignes.nom_table, ', ' order by lignes.nom_table) as tables,
        any_value(source.sha256) as sha256,
        max(source.importe_le) as importe_le
    from lignes
    inner join source on source.id_source = lignes.id_source
    group by source.editeur, source.titre, source.millesime, source.licence, source.fichier
)

select * from final
order by editeur, titre
