-- Forget the method chosen for one service in one perimeter (back to the default method).
delete from methode_choisie
where niveau = $niveau and code_perimetre = $code and service = $service
