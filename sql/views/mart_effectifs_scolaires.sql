-- titre: Élèves et classes des écoles et collèges par périmètre et rentrée
-- description: Élèves de pré-élémentaire, d'élémentaire (ULIS comprises) et de collège, et classes
--   des écoles, sommés des établissements situés dans le périmètre, à chaque rentrée des fichiers
--   d'effectifs importés. À rapprocher des enfants de 3 à 10 ans et de 11 à 14 ans du périmètre :
--   des élèves viennent d'autres communes, des enfants sont scolarisés ailleurs.
-- grain: une ligne par niveau, code de périmètre et année de rentrée
-- unite: élèves ; classes
-- source: Éducation nationale (DEPP), fr-en-ecoles-effectifs-nb_classes et
--   fr-en-college-effectifs-niveau-sexe-lv (table effectif_scolaire)
create or replace view mart_effectifs_scolaires as
with

par_etablissement as (
    select
        uai,
        annee,
        code_commune,
        type_etablissement,
        sum(eleves) filter (where niveau = 'pre_elementaire') as eleves_pre_elementaire,
        sum(eleves) filter (where niveau in ('elementaire', 'ulis')) as eleves_elementaire,
        sum(eleves) filter (where niveau = 'ensemble') as eleves,
        sum(classes) filter (where niveau = 'ensemble') as classes
    from effectif_scolaire
    group by all
),

sommes as (
    select
        perimetres.niveau,
        perimetres.code_perimetre,
        par_etablissement.annee,
        nullif(count(*) filter (where type_etablissement = 'ecole'), 0) as ecoles,
        sum(eleves_pre_elementaire) filter (where type_etablissement = 'ecole')
            as eleves_pre_elementaire,
        sum(eleves_elementaire) filter (where type_etablissement = 'ecole') as eleves_elementaire,
        sum(classes) filter (where type_etablissement = 'ecole') as classes_ecoles,
        nullif(count(*) filter (where type_etablissement = 'college'), 0) as colleges,
        sum(eleves) filter (where type_etablissement = 'college') as eleves_college
    from par_etablissement
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = par_etablissement.code_commune
    group by all
),

final as (
    select
        sommes.*,
        perimetre.nom_perimetre
    from sommes
    inner join int_perimetres as perimetre using (niveau, code_perimetre)
)

select * from final
