"""Les lignes d'un CSV gardées compressées par blocs (`lecture.TextesEnBlocs`) se relisent telles
qu'elles ont été lues, dans l'ordre ou non, en blocs fermés au nombre de lignes comme à la taille
(lignes longues d'un fichier de 202 colonnes), accents et caractères hors du Latin-1 compris."""

from __future__ import annotations

import random

import pytest

from vigie.alimentation.importation.lecture import TextesEnBlocs


@pytest.mark.parametrize("longueur_max", [40, 3_000])
def test_les_lignes_se_relisent_telles_quelles(longueur_max):
    hasard = random.Random(longueur_max)
    alphabet = "abcdéèçàœ€;,\"' 0123456789\u202f\u00a0Ωж"
    lignes = [
        "".join(hasard.choice(alphabet) for _ in range(hasard.randint(0, longueur_max)))
        for _ in range(9_000)
    ]
    textes = TextesEnBlocs()
    for ligne in lignes:
        textes.append(ligne)
    # Avant la fermeture, les dernières lignes sont lues dans le bloc en cours.
    assert textes[len(lignes) - 1] == lignes[-1]
    textes.fermer()
    assert len(textes) == len(lignes)
    assert list(textes) == lignes  # dans l'ordre
    for i in hasard.sample(range(len(lignes)), 500):  # dans le désordre
        assert textes[i] == lignes[i]
    assert textes[-1] == lignes[-1] and textes[10:13] == lignes[10:13]
    with pytest.raises(IndexError):
        textes[len(lignes)]
    if longueur_max > 1_000:  # les blocs se ferment à la taille, bien avant 4 096 lignes
        assert len(textes._blocs) > len(lignes) // TextesEnBlocs.TAILLE_BLOC + 1
