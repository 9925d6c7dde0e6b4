"""The words visitors read on the screen, in English: the catalogs hold every other
language's (kiosk/i18n/locale)."""

from __future__ import annotations

VISITOR_WORDS: dict[str, str] = {
    "sources": "Sources",
    "source": "Source",
    "as_of": "As of {date}",
    "archetype": "One story that stands for many",
    "scan": "Scan the code",
    "previous": "Previous",
    "next": "Next",
    "progress": "Slide {n} of {count}",
    "stories": "Stories",
    "all_stories": "All stories",
    "take_link": "Take the link",
    "link_title": "Take the manifesto with you",
    "link_hint": "Point your phone’s camera at the code.",
    "language": "Language",
    "larger_text": "Larger text",
    "close": "Close",
    "touch_hint": "Touch to explore",
    "idle_title": "Returning to start",
    "idle_stay": "Tap to stay",
    "corner_code": "Read the manifesto",
    "page_in_de": "Page in German",
    "page_in_en": "Page in English",
    "page_in_be": "Page in Belarusian",
    "page_in_ru": "Page in Russian",
    "page_in_other": "Page in another language",
    "translation": "Translation",
    # A clip's sound button, read out by a screen reader: what a tap does.
    "sound_on": "Sound on",
    "sound_off": "Sound off",
}
