-- Précision de la rétroprojection, tous groupes d'âge et toutes tailles de commune confondus, par
-- niveau et horizon.
select annee_origine, horizon, niveau, effectif, erreur_abs_pct, couverture_80, couverture_95
from projection_backtest
where groupe_age = 'toutes' and classe_taille = 'toutes'
order by horizon, case niveau when 'commune' then 0 when 'epci' then 1 else 2 end
