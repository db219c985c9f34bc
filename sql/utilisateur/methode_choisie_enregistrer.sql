-- Record (or replace) the method chosen for one service in one perimeter.
insert or replace into methode_choisie (niveau, code_perimetre, service, methode, modifie_le)
values ($niveau, $code, $service, $methode, current_timestamp)
