-- Backtest error (sMAPE, %) of the chosen model and of the seasonal-naive benchmark at the
-- selection horizon, for one series: the sentence "ce modèle s'est trompé de X % en moyenne".
select
    max(backtest.smape) filter (where backtest.retenu) as smape_retenu,
    max(backtest.smape) filter (where backtest.modele = 'naive_saisonniere') as smape_reference,
    max(backtest.couverture_80) filter (where backtest.retenu) as couverture_80
from backtest_usage as backtest
inner join prevision_serie as serie on serie.id_serie = backtest.id_serie
where backtest.id_serie = $id_serie
    and backtest.horizon = serie.horizon_backtest
