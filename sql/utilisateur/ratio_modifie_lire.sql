-- Les ratios modifiés pour un périmètre.
select service, methode, age_min, ratio, par, modifie_le
from ratio_modifie
where niveau = $niveau and code_perimetre = $code
order by service, methode, age_min
