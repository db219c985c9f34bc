-- Erreur au backtest (sMAPE, en %) du modèle retenu et de la référence naïve saisonnière à
-- l'horizon de sélection, pour une série : la phrase « ce modèle s'est trompé de X % en moyenne ».
select
    max(backtest.smape) filter (where backtest.retenu) as smape_retenu,
    max(backtest.smape) filter (where backtest.modele = 'naive_saisonniere') as smape_reference,
    max(backtest.couverture_80) filter (where backtest.retenu) as couverture_80
from backtest_usage as backtest
inner join prevision_serie as serie on serie.id_serie = backtest.id_serie
where backtest.id_serie = $id_serie
    and backtest.horizon = serie.horizon_backtest
