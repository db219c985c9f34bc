-- Record (or replace) one changed ratio.
insert or replace into ratio_modifie
    (niveau, code_perimetre, service, methode, age_min, ratio, par, modifie_le)
values ($niveau, $code, $service, $methode, $age_min, $ratio, $par, current_timestamp)
