-- The source files of the rows of one table that describe the communes of one perimeter (for
-- the "Source :" line under a chart): a real territory never cites the demo files of the same
-- table, nor a territory's files the other communes' ones. A table without commune codes
-- (ratios, national parameters...) gives all its sources, as sources_table does.
-- Grain: one row per source file. Parameters: $table, $niveau, $code.
with

communes as (
    select code_commune
    from int_commune__perimetres
    where niveau = $niveau and code_perimetre = $code
),

par_commune as (
    select distinct nom_table, id_source
    from int_sources__communes
    where code_commune in (select code_commune from communes)
),

tables_par_commune as (
    select nom_table from int_tables_par_commune
),

utilisees as (
    select id_source from par_commune where nom_table = $table
    union
    -- A table without commune codes: all of its sources.
    select id_source from mart_sources_tables
    where nom_table = $table
        and $table not in (select nom_table from tables_par_commune)
),

final as (
    select distinct
        source.editeur,
        source.titre,
        source.millesime,
        source.licence,
        source.fichier,
        source.importe_le
    from source
    where source.id_source in (select id_source from utilisees)
)

select * from final
order by millesime
