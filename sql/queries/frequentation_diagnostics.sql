-- Findings on one series (gaps, 2020 shock, statsmodels warnings), in French.
select niveau, code, message, modele
from prevision_diagnostic
where id_serie = $id_serie
order by case niveau when 'erreur' then 0 when 'avertissement' then 1 else 2 end, code
