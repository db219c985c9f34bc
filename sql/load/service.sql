-- service : le registre data/reference/services.csv (contrôlé avant par
-- vigie.analyses.catalogue_services) ; les âges servis sont l'union de ses groupes d'âges (liste
-- « | » de la colonne groupes_age, joints à la table groupe_age, chargée avant).
-- Grain : une ligne par service. Paramètres : $fichier, $id_source.
insert into service
with

lu as (
    select *
    from read_csv($fichier, delim = ';', header = true, all_varchar = true)
),

groupes as (
    select
        lu.code,
        trim(unnest(string_split(lu.groupes_age, '|'))) as groupe_age
    from lu
),

ages as (
    select
        groupes.code,
        min(groupe_age.age_min) as age_min,
        max(groupe_age.age_max) as age_max
    from groupes
    inner join groupe_age on groupe_age.groupe_age = groupes.groupe_age
    group by groupes.code
),

final as (
    select
        lu.code as service,
        lu.libelle,
        ages.age_min,
        ages.age_max,
        nullif(trim(lu.unite_demande), '') as unite_demande,
        nullif(trim(lu.unite_capacite), '') as unite_capacite,
        nullif(trim(lu.ratio_reference), '') as ratio_reference,
        cast(lu.ordre as smallint) as ordre,
        lu.source as source_texte,
        $id_source as id_source
    from lu
    inner join ages on ages.code = lu.code
)

select * from final;
