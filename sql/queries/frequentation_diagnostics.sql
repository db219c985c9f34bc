-- Constats sur une série (trous, choc de 2020, avertissements de statsmodels), en français.
select niveau, code, message, modele
from prevision_diagnostic
where id_serie = $id_serie
order by case niveau when 'erreur' then 0 when 'avertissement' then 1 else 2 end, code
