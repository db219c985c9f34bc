"""Les sections de la page Population : groupes d'âges du scénario affiché (`groupes`), ménages et
résidences principales (`menages`), fiabilité des projections passées (`fiabilite`), hypothèses
des scénarios et méthode (`hypotheses`)."""
