-- The newest COG's list of infra-communal codes replaces the previous one.
delete from commune_rattachement
