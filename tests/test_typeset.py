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
    text = "Der Einsatz von Friedenstruppen-Einheiten wurde gefordert"
    assert "Friedenstruppen-Einheiten" in keep_together(text, "de")


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        ("de", "Der Einsatz von UN-Friedenstruppen wurde gefordert", "UN-\u2060Friedenstruppen"),
        ("be", "чалавек па-ранейшаму ў зняволенні", "па-\u2060ранейшаму"),
    ],
)
def test_a_part_of_a_letter_or_two_never_ends_a_line(language: str, text: str, kept: str) -> None:
    """ "UN-" or "па-" alone at a line's end reads as a stray syllable."""
    assert kept in keep_together(text, language)


@pytest.mark.parametrize(
    ("language", "text", "kept", "free"),
    [
        # A year stays with what leads to it, and lets the next word go.
        ("de", "Menschen wurden seit 2020 strafrechtlich verfolgt", "seit\xa02020", "2020 s"),
        ("en", "prosecuted since 2020 for their views", "since\xa02020", "2020 f"),
        # In Belarusian and Russian it also keeps the word for "year".
        ("ru", "освобождены с 2024 года по всей стране", "2024\xa0года", None),
        # A day of a German date keeps its month; a label keeps its count.
        ("de", "Er kam am 13. Dezember 2025 frei", "13.\xa0Dezember", None),
        ("de", "Heute: Folien gezeigt: 1200 · Besuche: 12", "Besuche:\xa012", None),
        # A dash after a year still never starts a line; a day's dot is German only.
        ("de", "Menschen wurden seit 2020 – und immer noch", "2020\xa0–", None),
        ("en", "They were 12. After that the rest went home", "the\xa0rest", "12. After"),
    ],
)
def test_years_dates_and_counts_stay_with_their_words(
    language: str, text: str, kept: str, free: str | None
) -> None:
    shaped = keep_together(text, language)
    assert kept in shaped
    if free is not None:
        assert free in shaped


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
