-- Columns of a table of the built database (the allow-list of identifiers an import may write).
select column_name
from information_schema.columns
where table_name = $table
order by ordinal_position
