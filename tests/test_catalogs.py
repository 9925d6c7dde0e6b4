"""The catalogs of the kiosk's words: complete, built from what translators edit, and what the
kiosk reads."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.pofile import read_po

from kiosk import i18n
from kiosk.i18n import build_catalogs
from kiosk.i18n.catalogs import LANGUAGES, LOCALE_DIR
from kiosk.i18n.catalogs import catalog as catalog_of
from kiosk.i18n.said import LOG_CONTEXT, SAID_CONTEXT

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


def test_every_catalog_is_complete_and_built(capsys: pytest.CaptureFixture[str]) -> None:
    """Every English text is translated in every catalog, with its placeholders and plural
    forms, and each .pot, .po and .mo is what `make catalogs` makes of them."""
    assert build_catalogs.main(["--check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kiosk_reads_what_the_translator_wrote(language: str) -> None:
    """Each entry of the .po, looked up by its key as the kiosk looks it up, gives the
    translator's words (the compiled .mo is the one the kiosk reads)."""
    with build_catalogs.po_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    entries = [message for message in catalog if message.id]
    in_code = build_catalogs.said_in_code()
    assert len(entries) == len(i18n.SOURCE) + len(i18n.COUNTED) + len(
        {(context, english) for context, english, _ in in_code}
    )
    for message in entries:
        key = str(message.context)
        if key in (LOG_CONTEXT, SAID_CONTEXT):
            english = str(message.id)
            assert catalog_of(language).pgettext(key, english) == message.string
        elif isinstance(message.id, tuple):
            assert isinstance(message.string, tuple)
            assert i18n.counted(key, 1, language) == message.string[0].format(n=1)
        else:
            assert i18n.text(key, language) == message.string


def test_a_lost_placeholder_or_a_missing_translation_is_named() -> None:
    source = build_catalogs.template()
    catalog = build_catalogs.updated("de", source)
    entries = {message.context: message for message in catalog if message.id}
    entries["status_content"].string = "Inhalt"
    entries["staff_pin"].string = ""
    entries["n_slides"].string = ("{n} Folie",)
    found = build_catalogs.problems(catalog)
    assert any("status_content" in line and "placeholders" in line for line in found), found
    assert "de: staff_pin: not translated" in found
    assert "de: n_slides: 1 plural forms, the language has 2" in found


def test_a_changed_english_text_marks_its_translation_for_review(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = {**build_catalogs.VISITOR_WORDS, "sources": "Where these figures come from"}
    monkeypatch.setattr(build_catalogs, "SHOWN", ((words, "visitor"), *build_catalogs.SHOWN[1:]))
    catalog = build_catalogs.updated("ru", build_catalogs.template())
    assert "ru: sources: the English changed; check the translation, then unmark it" in (
        build_catalogs.problems(catalog)
    )


def test_a_compiled_catalog_carries_the_plural_rule_of_its_language() -> None:
    """Belarusian and Russian: three forms by the last digits (CLDR), from the catalog's own
    header, which Python's gettext evaluates."""
    mo = (LOCALE_DIR / "be" / "LC_MESSAGES" / "kiosk.mo").read_bytes()
    translations = gettext.GNUTranslations(io.BytesIO(mo))
    forms = [
        translations.npgettext("n_slides", "{n} slide", "{n} slides", n) for n in (1, 3, 5, 11)
    ]
    assert forms == ["{n} слайд", "{n} слайды", "{n} слайдаў", "{n} слайдаў"]


def test_the_log_lines_staff_read_and_said_texts_are_found_in_the_code() -> None:
    """`make catalogs` finds an error logged in the code and a `said` text, with the file
    named for the translator; a line with nothing but values is not offered."""
    found = build_catalogs.said_in_code()
    assert (LOG_CONTEXT, "cannot save %s: %s", "kiosk/playback/kept.py") in found
    assert (SAID_CONTEXT, "cannot save counts: {error}", "kiosk/counts.py") in found
    assert not any(english in ("%s", "%s\n%s") for _, english, _ in found)


def test_a_log_line_whose_values_moved_is_named() -> None:
    catalog = build_catalogs.updated("de", build_catalogs.template())
    (entry,) = [m for m in catalog if m.id == "cannot save %s: %s"]
    entry.string = "%s nicht gespeichert"
    assert any("the values' places" in line for line in build_catalogs.problems(catalog))
