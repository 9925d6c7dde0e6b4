"""Texts with a number in them, in each plural form each language has."""

from __future__ import annotations

# CLDR's categories: German and English have one and other; Belarusian and Russian one, few
# and many.
COUNTED: dict[str, dict[str, dict[str, str]]] = {
    "n_slides": {
        "de": {"one": "{n} Folie", "other": "{n} Folien"},
        "en": {"one": "{n} slide", "other": "{n} slides"},
        "be": {"one": "{n} слайд", "few": "{n} слайды", "many": "{n} слайдаў"},
        "ru": {"one": "{n} слайд", "few": "{n} слайда", "many": "{n} слайдов"},
    },
    "n_errors": {
        "de": {"one": "{n} Fehler", "other": "{n} Fehler"},
        "en": {"one": "{n} error", "other": "{n} errors"},
        "be": {"one": "{n} памылка", "few": "{n} памылкі", "many": "{n} памылак"},
        "ru": {"one": "{n} ошибка", "few": "{n} ошибки", "many": "{n} ошибок"},
    },
    "n_warnings": {
        "de": {"one": "{n} Warnung", "other": "{n} Warnungen"},
        "en": {"one": "{n} warning", "other": "{n} warnings"},
        "be": {"one": "{n} папярэджанне", "few": "{n} папярэджанні", "many": "{n} папярэджанняў"},
        "ru": {
            "one": "{n} предупреждение",
            "few": "{n} предупреждения",
            "many": "{n} предупреждений",
        },
    },
    "note_pictures_broken": {
        "de": {
            "one": "{n} Bild lässt sich nicht dekodieren und bleibt leer; Ordner prüfen "
            "(siehe `validate`)",
            "other": "{n} Bilder lassen sich nicht dekodieren und bleiben leer; Ordner prüfen "
            "(siehe `validate`)",
        },
        "en": {
            "one": "{n} picture cannot be decoded and show as empty space; fix the folder "
            "(see `validate`)",
            "other": "{n} pictures cannot be decoded and show as empty space; fix the folder "
            "(see `validate`)",
        },
        "be": {
            "one": "{n} выяву немагчыма раскадаваць, на яе месцы пуста; выпраўце тэчку "
            "(гл. `validate`)",
            "few": "{n} выявы немагчыма раскадаваць, на іх месцы пуста; выпраўце тэчку "
            "(гл. `validate`)",
            "many": "{n} выяў немагчыма раскадаваць, на іх месцы пуста; выпраўце тэчку "
            "(гл. `validate`)",
        },
        "ru": {
            "one": "{n} изображение не декодируется, на его месте пусто; исправьте папку "
            "(см. `validate`)",
            "few": "{n} изображения не декодируются, на их месте пусто; исправьте папку "
            "(см. `validate`)",
            "many": "{n} изображений не декодируются, на их месте пусто; исправьте папку "
            "(см. `validate`)",
        },
    },
    "pin_wrong": {
        "de": {"one": "Falsche PIN – noch {n} Versuch", "other": "Falsche PIN – noch {n} Versuche"},
        "en": {"one": "Wrong PIN – {n} try left", "other": "Wrong PIN – {n} tries left"},
        "be": {
            "one": "Няправільны PIN – засталася {n} спроба",
            "few": "Няправільны PIN – засталося {n} спробы",
            "many": "Няправільны PIN – засталося {n} спроб",
        },
        "ru": {
            "one": "Неверный PIN – осталась {n} попытка",
            "few": "Неверный PIN – осталось {n} попытки",
            "many": "Неверный PIN – осталось {n} попыток",
        },
    },
}
