-- Enregistre (ou remplace) la méthode choisie pour un service dans un périmètre.
insert or replace into methode_choisie (niveau, code_perimetre, service, methode, modifie_le)
values ($niveau, $code, $service, $methode, current_timestamp)
