-- Tables of the user's database. Idempotent: applied at every opening for writing.

-- A demand ratio changed for one perimeter (the published default stays in ratio_demande).
-- Grain: one row per perimeter, service, method and age range.
create table if not exists ratio_modifie (
    niveau          text not null,    -- 'commune', 'epci', 'territoire'
    code_perimetre  text not null,
    service         text not null,
    methode         text not null,
    age_min         smallint not null,
    ratio           double not null,
    par             double not null,
    modifie_le      timestamp not null default current_timestamp,
    primary key (niveau, code_perimetre, service, methode, age_min)
);

-- The demand method chosen for a service in one perimeter, when not the default one.
-- Grain: one row per perimeter and service.
create table if not exists methode_choisie (
    niveau          text not null,
    code_perimetre  text not null,
    service         text not null,
    methode         text not null,
    modifie_le      timestamp not null default current_timestamp,
    primary key (niveau, code_perimetre, service)
);
