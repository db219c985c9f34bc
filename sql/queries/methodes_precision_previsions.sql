-- Prévisions d'usage : par service, le MASE moyen des modèles retenus face à celui de la méthode
-- naïve saisonnière, et la couverture de leurs intervalles à 80 % et 95 % dans le backtest à
-- origine glissante.
with retenus as (
    select
        usage.service,
        serie.id_serie,
        serie.mase_retenu,
        serie.mase_reference,
        backtest.couverture_80,
        backtest.couverture_95
    from prevision_serie as serie
    inner join usage_serie as usage on usage.id_serie = serie.id_serie
    left join backtest_usage as backtest
        on backtest.id_serie = serie.id_serie
        and backtest.retenu
        and backtest.horizon = serie.horizon_backtest
    where serie.statut = 'ok'
)
select
    service,
    count(*) as series,
    avg(mase_retenu) as mase_retenu,
    avg(mase_reference) as mase_reference,
    avg(couverture_80) as couverture_80,
    avg(couverture_95) as couverture_95
from retenus
group by service
order by service
