-- Forget the changed ratios of one service in one perimeter (back to the published defaults).
delete from ratio_modifie
where niveau = $niveau and code_perimetre = $code and service = $service
