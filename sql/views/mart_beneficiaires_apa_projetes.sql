-- titre: Bénéficiaires de l'APA projetés au taux de recours moyen de la France
-- description: Population projetée de 60 ans ou plus, par sexe et âge, multipliée par la part des
--   bénéficiaires de l'APA dans la population de la même tranche (DREES, dernière année publiée,
--   France hors Mayotte), à domicile et en établissement. C'est une estimation au taux national :
--   le recours local peut s'en écarter (la part des bénéficiaires en établissement varie de 8 % à
--   52 % selon le département, table recours_prestation).
-- grain: une ligne par niveau, code de périmètre, scénario, année et lieu (domicile, établissement)
-- unite: bénéficiaires (personnes)
-- source: DREES, enquête Aide sociale (table recours_prestation) ; Vigie, projection de population
create or replace view mart_beneficiaires_apa_projetes as
with

derniere_annee as (
    select
        lieu,
        max(annee) as annee
    from recours_prestation
    where prestation = 'apa' and indicateur = 'part_population' and sexe in (1, 2)
    group by all
),

taux as (
    select
        recours.lieu,
        recours.annee as annee_taux,
        recours.sexe,
        recours.age_min,
        recours.age_max,
        recours.valeur
    from recours_prestation as recours
    inner join derniere_annee
        on derniere_annee.lieu = recours.lieu
        and derniere_annee.annee = recours.annee
    where
        recours.prestation = 'apa'
        and recours.indicateur = 'part_population'
        and recours.code_perimetre = 'FRDROM'
        and recours.sexe in (1, 2)
        and recours.lieu in ('domicile', 'etablissement')
),

final as (
    select
        projection.niveau,
        projection.code_perimetre,
        projection.scenario,
        projection.annee,
        taux.lieu,
        any_value(taux.annee_taux) as annee_taux,
        sum(projection.population) as population_60_plus,
        sum(projection.population * taux.valeur) as beneficiaires
    from mart_projection_perimetre as projection
    inner join taux
        on taux.sexe = projection.sexe
        and projection.age between taux.age_min and taux.age_max
    group by all
)

select * from final
