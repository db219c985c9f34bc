-- Les chiffres du recensement d'un périmètre et de chaque périmètre qui l'englobe (EPCI,
-- territoire, département), plus la région et la France quand leurs chiffres existent (table
-- population_reference, ou sommes des populations légales et estimations par département :
-- voir mart_population_reperes), chaque année.
-- Grain : une ligne par niveau, code de périmètre et année. Unité : habitants ; parts en fraction.
with parents as (
    -- Le périmètre et ceux qui l'englobent (vue partagée avec comparaison_* et perimetres_parents).
    select niveau_englobant as niveau, code_englobant as code_perimetre
    from int_perimetre__englobants
    where niveau = $niveau and code_perimetre = $code
),

departements as (
    select distinct
        commune.code_dep,
        commune.code_reg
    from commune
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = commune.code_commune
    where perimetres.niveau = $niveau
        and perimetres.code_perimetre = $code
),

reperes as (
    select niveau, code_perimetre from parents
    union
    select 'departement', code_dep from departements
    union
    select 'region', code_reg from departements
    union
    select 'france', code_perimetre
    from population_reference
    where niveau = 'france'
    union
    -- La France sommée des populations légales de ses communes (mart_population_reperes).
    select 'france', 'FR'
),

final as (
    -- Les chiffres de chaque repère, tels que mart_population_reperes les donne.
    select chiffres.*
    from mart_population_reperes as chiffres
    inner join reperes using (niveau, code_perimetre)
)

select * from final
order by niveau, code_perimetre, annee
