-- Rolling-origin backtest of one series: every candidate, every horizon.
select modele, horizon, mase, smape, couverture_80, couverture_95, retenu
from backtest_usage
where id_serie = $id_serie
order by horizon, mase
