-- Un territoire livré (pas défini par l'utilisateur) qui porte déjà ce code (zéro ou une ligne).
select 1 as livre
from territoire
inner join source using (id_source)
where code_territoire = $code
  and source.origine <> 'import'
