-- Chaque fichier source dont des lignes décrivent les communes d'un périmètre, avec les tables
-- qu'il alimente (comme sources_toutes, pour le dossier de séance d'un périmètre) : les lignes des
-- tables par commune ne comptent que pour les communes du périmètre, si bien que le dossier d'un
-- vrai territoire ne cite jamais les fichiers de démonstration ; les tables sans code commune
-- (ratios, paramètres nationaux...) donnent toutes leurs sources.
-- Grain : une ligne par fichier source. Paramètres : $niveau, $code.
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
