-- Enregistre le calcul des prévisions (une ligne par calcul). Paramètres : $debut (horodatage du
-- début), $horizon (mois), $parametres (JSON), $base_sha256 (empreinte de la base lue).
insert into prevision_calcul
values (1, $debut, current_timestamp, $horizon, $parametres, $base_sha256)
