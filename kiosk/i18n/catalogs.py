"""The kiosk's words in other languages than English: gettext catalogs, read with Python's own
gettext (kiosk/i18n/locale/LANG/LC_MESSAGES/kiosk.mo, built from the .po files translators
edit: kiosk/i18n/build_catalogs.py)."""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The languages the kiosk has its own words in, besides English.
LANGUAGES = ("de", "be", "ru")


@functools.cache
def catalog(language: str) -> gettext.NullTranslations:
    """The language's catalog; for English, or a language without one, the English itself."""
    if language not in LANGUAGES:
        return gettext.NullTranslations()
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as file:
            return gettext.GNUTranslations(file)
    except OSError:
        return gettext.NullTranslations()


def kiosk_languages() -> tuple[str, ...]:
    """The languages the kiosk's own words (controls, notes, dates) are written in."""
    return ("en", *LANGUAGES)


def has_words_in(language: str) -> bool:
    return language in kiosk_languages()


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language a command speaks when not told: the first of the environment's
    (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them) that the kiosk has words
    in; English otherwise."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        for wanted in value.split(":"):
            code = wanted.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in ("c", "posix"):
                return "en"
            if has_words_in(code):
                return code
        return "en"  # the first one set decides, as in gettext
    return "en"
