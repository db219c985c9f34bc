-- Insère ou met à jour (upsert) le DataFrame enregistré `_lot` dans une table : une clé nouvelle
-- est insérée, une clé connue prend les nouvelles valeurs, une valeur laissée vide dans le fichier
-- garde celle déjà en place. `{table}`, `{colonnes}`, `{cles}` et `{mises_a_jour}` sont insérés par
-- ecriture.py à partir de sa liste autorisée CLES et des colonnes de la table (information_schema)
-- seulement.
insert into {table} ({colonnes})
select {colonnes}
from _lot
on conflict ({cles}) do update set {mises_a_jour}
