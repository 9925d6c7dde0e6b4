"""Where lines may break: what stays together, and where a long word is divided."""

from __future__ import annotations

import pytest

from kiosk.typeset import NBSP, SHY, hyphenate, keep_together

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
