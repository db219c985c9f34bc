-- Ajoute le DataFrame enregistré `_lot` à une table remplacée en entier (commune_mouvement,
-- commune_rattachement). `{table}` et `{colonnes}` sont insérés par ecriture.py à partir de sa
-- liste autorisée CLES et des colonnes de la table (information_schema) seulement.
insert into {table} ({colonnes})
select {colonnes}
from _lot
