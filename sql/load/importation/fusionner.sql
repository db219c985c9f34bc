-- Upserts the registered DataFrame `_lot` into a table: a new key is inserted, a known key takes
-- the new values, and a value left empty in the file keeps the one already there.
-- `{table}`, `{colonnes}`, `{cles}` and `{mises_a_jour}` are formatted in by ecriture.py from its
-- allow-list CLES and the table's own columns (information_schema) only.
insert into {table} ({colonnes})
select {colonnes}
from _lot
on conflict ({cles}) do update set {mises_a_jour}
