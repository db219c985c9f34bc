-- Backtest à origine glissante d'une série : chaque candidat, chaque horizon.
select modele, horizon, mase, smape, couverture_80, couverture_95, retenu
from backtest_usage
where id_serie = $id_serie
order by horizon, mase
