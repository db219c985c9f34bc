-- The source files of the rows of one table that describe the communes of one perimeter (for
-- the "Source :" line under a chart), from the macro sources_du_perimetre: a real territory never
-- cites the demo files of the same table.
-- Grain: one row per source file. Parameters: $table, $niveau, $code.
select distinct
    source.editeur,
    source.titre,
    source.millesime,
    source.licence,
    source.fichier,
    source.importe_le
from sources_du_perimetre($niveau, $code) as lignes
inner join source on source.id_source = lignes.id_source
where lignes.nom_table = $table
order by source.millesime
