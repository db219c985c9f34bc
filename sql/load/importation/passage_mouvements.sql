-- COG events where a commune disappears into another one or changes code, oldest first:
-- mergers (31 fusion simple, 32 commune nouvelle, 33 fusion-association, 34 transformation de
-- fusion-association en fusion simple), code changes (41 changement de département, 50 transfert
-- de chef-lieu). Grain: one row per event. Source: INSEE v_mvt_commune.
select
    com_av,
    strftime(date_eff, '%Y-%m-%d') as date_eff,
    com_ap
from commune_mouvement
where typecom_av = 'COM'
    and typecom_ap = 'COM'
    and com_av <> com_ap
    and mod in (31, 32, 33, 34, 41, 50)
order by date_eff
