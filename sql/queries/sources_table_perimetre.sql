-- Les fichiers sources des lignes d'une table qui décrivent les communes d'un périmètre (pour la
-- ligne « Source : » sous un graphique), tirés de la macro sources_du_perimetre : un vrai
-- territoire ne cite jamais les fichiers de démonstration de la même table.
-- Grain : une ligne par fichier source. Paramètres : $table, $niveau, $code.
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
