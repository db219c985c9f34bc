-- Écrit le journal de DuckDB dans le fichier avant son renommage (fichier complet sur disque).
checkpoint
