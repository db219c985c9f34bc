-- Published demand ratios (defaults), with the vintage of the reference file they come from.
select
    service,
    methode,
    indicateur,
    age_min,
    age_max,
    ratio,
    unite,
    par,
    source_texte,
    annee_source,
    defaut
from ratio_demande
order by service, methode, age_min
