-- Appends the registered DataFrame `_lot` to a table replaced as a whole (commune_mouvement,
-- commune_rattachement). `{table}` and `{colonnes}` are formatted in by ecriture.py from its
-- allow-list CLES and the table's own columns (information_schema) only.
insert into {table} ({colonnes})
select {colonnes}
from _lot
