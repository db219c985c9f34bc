-- Toutes les séries d'un service dans un périmètre : les 12 derniers mois observés face aux 12
-- mois prévus suivants (central), avec le modèle et sa précision, pour comparer les équipements.
with series as (
    select serie.id_serie, serie.unite, equipement.nom as nom_equipement, commune.nom_commune
    from usage_serie as serie
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = serie.code_commune
    left join equipement on equipement.id_equipement = serie.id_equipement
    left join commune on commune.code_commune = serie.code_commune
    where perimetres.niveau = $niveau and perimetres.code_perimetre = $code
        and serie.service = $service
),
observe as (
    select id_serie, sum(valeur) as derniers_12_mois
    from (
        select id_serie, valeur,
            row_number() over (partition by id_serie order by periode desc) as rang
        from usage_observation
        where id_serie in (select id_serie from series)
    )
    where rang <= 12
    group by id_serie
),
prevu as (
    select id_serie, sum(moyenne) as prochains_12_mois
    from (
        select id_serie, moyenne,
            row_number() over (partition by id_serie order by periode) as rang
        from prevision_usage
        where id_serie in (select id_serie from series)
    )
    where rang <= 12
    group by id_serie
)
select
    series.id_serie,
    series.nom_equipement,
    series.nom_commune,
    series.unite,
    observe.derniers_12_mois,
    prevu.prochains_12_mois,
    serie.statut,
    serie.libelle_modele,
    serie.mase_retenu,
    serie.mase_reference
from series
left join observe on observe.id_serie = series.id_serie
left join prevu on prevu.id_serie = series.id_serie
left join prevision_serie as serie on serie.id_serie = series.id_serie
order by series.nom_commune, series.nom_equipement
