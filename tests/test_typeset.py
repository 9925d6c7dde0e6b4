"""Where lines may break: what stays together, and where a long word is divided."""

from __future__ import annotations

import pytest

from kiosk.typeset import NBSP, SHY, WORD_JOINER, hyphenate, keep_together, visible

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


@pytest.mark.parametrize(
    ("language", "text", "together"),
    [
        ("de", "Die Kampagne Release N:OW ruft auf", "Release N:OW"),
        ("ru", "Мы рассказываем о многих людях в тюрьмах", "о многих"),
        ("ru", "В Беларуси сидят сотни людей за решёткой", "В Беларуси"),
        ("ru", "Его арестовали в 2022 году за пост", "2022 году"),
        ("de", "Er spendete 20 € an eine Stiftung", "20 €"),
        ("de", "Gegen die Inhaftierung protestieren heute alle.", "heute alle."),
        ("en", "More than 1,100 people are held – for speaking out", "held –"),
        ("be", "Яе затрымалі ў Мінску пасля пратэсту", "ў Мінску"),
    ],
)
def test_what_belongs_together_is_kept_together(language: str, text: str, together: str) -> None:
    assert together.replace(" ", NBSP) in keep_together(text, language)


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("under the white-red-white flag of the protests", "white-red-white"),
        ("a Euro-Atlantic choice for the country", "Euro-Atlantic"),
        ("пад бел-чырвона-белым сцягам", "бел-чырвона-белым"),
        ("по-прежнему за решёткой", "по-прежнему"),
    ],
)
def test_a_word_of_short_hyphenated_parts_is_not_broken_at_them(text: str, whole: str) -> None:
    kept = keep_together(text, "en")
    assert whole.replace("-", "-" + WORD_JOINER) in kept
    assert visible(kept) == text


def test_a_word_with_a_long_part_may_still_break_at_its_hyphen() -> None:
    text = "Der Einsatz von UN-Friedenstruppen wurde gefordert"
    assert "UN-Friedenstruppen" in keep_together(text, "de")


def test_a_label_of_a_few_words_is_left_alone() -> None:
    assert keep_together("Link mitnehmen", "de") == "Link mitnehmen"


@pytest.mark.parametrize(
    ("language", "word", "parts"),
    [
        ("ru", "Учительница", ["Учи", "тель", "ни", "ца"]),
        ("de", "Freilassungen", ["Frei", "las", "sun", "gen"]),
        ("en", "imprisonment", ["im", "pris", "on", "ment"]),
        ("be", "Настаўніца", ["На", "стаў", "ні", "ца"]),
        ("be", "палітвязняў", ["па", "лі", "твя", "зняў"]),
    ],
)
def test_long_words_are_divided_at_syllables(language: str, word: str, parts: list[str]) -> None:
    assert hyphenate(word, language).split(SHY) == parts


def test_short_words_and_the_brand_are_never_divided() -> None:
    assert SHY not in hyphenate("Release N:OW ist hier", "de")
    assert SHY not in hyphenate("Haus", "de")
