-- Recopie les lignes d'une table par série (prévisions, backtest, diagnostics) des séries reprises.
-- {table} est remplacé par un nom pris dans la liste fixe
-- vigie.alimentation.previsions.TABLES_PAR_SERIE (jamais une saisie).
insert into {table} by name
select *
from ancien.{table}
where id_serie in (select id_serie from reprises)
