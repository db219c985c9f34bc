-- Somme au périmètre : les lignes communales de la table (ou vue) nommée `donnees`, qui a une
-- colonne code_commune, comptées dans chaque périmètre qui tient leur commune (elle-même, son
-- EPCI, son département, ses territoires : vue int_commune__perimetres), les colonnes `mesures`
-- sommées par niveau, code de périmètre et colonnes `cles` ; chaque colonne garde son nom.
-- Une ligne par niveau, code de périmètre et valeurs des `cles`, avec le nom du périmètre.
-- Exemple : select * from somme_au_perimetre('population', ['annee', 'sexe', 'age'], ['population'])
create or replace macro somme_au_perimetre(donnees, cles, mesures) as table
select
    perimetres.niveau,
    perimetres.code_perimetre,
    any_value(perimetres.nom_perimetre) as nom_perimetre,
    columns(cles),
    sum(columns(mesures))
from query_table(donnees) as donnees
inner join int_commune__perimetres as perimetres
    on perimetres.code_commune = donnees.code_commune
group by all
