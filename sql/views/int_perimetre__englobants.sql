-- titre: Périmètres qui englobent chaque périmètre
-- description: Pour chaque périmètre (commune, EPCI, territoire, département), les périmètres qui
--   tiennent toutes ses communes, lui-même compris : l'EPCI, le territoire et le département
--   d'une commune, le département d'un EPCI... Sert aux comparaisons (la commune face à son
--   EPCI, son territoire, son département) et au choix des communes de la carte.
-- grain: une ligne par niveau, code de périmètre, niveau et code du périmètre englobant
-- unite: sans objet
-- source: INSEE, COG et composition communale des EPCI (vues int_commune__perimetres et int_perimetres)
create or replace view int_perimetre__englobants as
with

communes_partagees as (
    -- Pour chaque paire de périmètres qui ont des communes en commun, combien.
    select
        perimetre.niveau,
        perimetre.code_perimetre,
        englobant.niveau as niveau_englobant,
        englobant.code_perimetre as code_englobant,
        any_value(englobant.nom_perimetre) as nom_englobant,
        count(*) as communes
    from int_commune__perimetres as perimetre
    inner join int_commune__perimetres as englobant
        on englobant.code_commune = perimetre.code_commune
    group by all
),

final as (
    -- Englobant : il a toutes les communes du périmètre.
    select
        communes_partagees.niveau,
        communes_partagees.code_perimetre,
        communes_partagees.niveau_englobant,
        communes_partagees.code_englobant,
        communes_partagees.nom_englobant
    from communes_partagees
    inner join int_perimetres as perimetre using (niveau, code_perimetre)
    where communes_partagees.communes = perimetre.nombre_communes
)

select * from final
