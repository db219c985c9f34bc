-- Les colonnes du fichier, par leur nom : une colonne de trop ou qui manque arrête le chargement.
insert into population by name
select *, $id_source as id_source
from read_parquet($fichier);
