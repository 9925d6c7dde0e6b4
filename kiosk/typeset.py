"""Where a line may break, before any text is laid out: on screen and on paper alike.

Two things are decided here, in plain text (no Qt):

- what must stay together: the campaign's name, a number and what it counts ("2022 году",
  "20 €", "140 pro Million"), a short word and the word after it ("в Беларуси", "о многих",
  "to the"), and the last word of a paragraph with the one before it (no "alle." alone);
  these get no-break spaces; and a word of short hyphenated parts ("white-red-white"), which
  gets word joiners after its hyphens;
- where a word too long for its line may be divided: soft hyphens from the hyphenation
  patterns of its language (Pyphen, with LibreOffice's dictionaries for de, en, be and ru). Qt
  breaks there and draws the hyphen.

The German patterns take about 0.4 s and 19 MB to load, so a dictionary is loaded only when a
word does not fit its line, once per run.
"""

from __future__ import annotations

import itertools
import re
import threading
from functools import lru_cache
from typing import Any

NBSP = "\u00a0"
SHY = "\u00ad"
WORD_JOINER = "\u2060"
BREAK_POINT = "\u200b"  # a zero-width space: a line may break here, and shows nothing

BRANDS = ("Release N:OW",)
# Hyphenation dictionaries by the show's language codes.
DICTIONARIES = {"de": "de_DE", "en": "en_US", "be": "be_BY", "ru": "ru_RU", "uk": "uk_UA"}
# Words of one or two letters always hold on to the next word; these three-letter ones too.
SHORT_WORDS = {
    "de": {
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "mit",
        "von",
        "bei",
        "aus",
        "für",
        "zum",
        "zur",
        "vor",
        "und",
        "als",
        "wie",
        "ist",
    },
    "en": {"the", "and", "for", "per", "but", "not", "its", "our", "who", "was", "are", "has"},
    "be": {"для", "пры", "пра", "без", "над", "пад", "праз", "але", "якія", "што", "яго"},
    "ru": {"для", "при", "про", "без", "над", "под", "что", "его", "или", "как", "это"},
}
SHORTEST_HYPHENATED = 6  # shorter words are never divided
LAST_WORD_KEPT = 7  # a last word this short is kept with the word before it
COMPOUND_PART_KEPT = 8  # a word of hyphenated parts this short is not broken at the hyphens

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SPACE = re.compile(r"[ \t]+")
_FIGURE_SIGN = re.compile(r"(\d)([+%‰])")  # "1,100+", "40 %": the sign stays with the figure
_YEAR = re.compile(r"(1[89]|20)\d\d")  # a year, as figures give it: 1900 to 2099
_DAY = re.compile(r"(0?[1-9]|[12]\d|3[01])\.")  # a day in a German date: "13."
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def keep_together(
    text: str,
    language: str,
    loosely: bool = False,
    compounds: bool = True,
    last_word: bool = True,
) -> str:
    """The text with no-break spaces where a break would part what belongs together; loosely,
    only within the campaign's name, between a figure and its sign and (unless not
    `compounds`) within a word of short hyphenated parts. Not `last_word`: a paragraph's last
    short word is not bound to the word before it (short words and figures still are)."""
    for brand in BRANDS:
        text = text.replace(brand, brand.replace(" ", NBSP))
    text = _FIGURE_SIGN.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), text)
    if compounds:
        text = _COMPOUND.sub(_unbroken_compound, text)
    if loosely:
        return text
    short = SHORT_WORDS.get(language, set())
    parts = _SPACE.split(text)
    if len(parts) < 2:
        return text
    out = [parts[0]]
    for before, after in itertools.pairwise(parts):
        out.append(NBSP if _binds(before, after, short, language) else " ")
        out.append(after)
    result = "".join(out)
    return _keep_last_word(result) if last_word else result


def _unbroken_compound(match: re.Match[str]) -> str:
    """A word of short hyphenated parts stays whole ("Euro-Atlantic", "бел-чырвона-белы",
    "по-прежнему"): a word joiner after each hyphen, where lines would otherwise break. A
    part longer than that may start a line ("UN-Friedenstruppen")."""
    word = match.group(0)
    parts = word.split("-")
    if any(len(part) > COMPOUND_PART_KEPT for part in parts):
        # A long part may start a line ("Friedens-" / "truppen"), but not after a part of a
        # letter or two: "па-" or "UN-" never stands alone at a line's end.
        return (
            "".join(part + ("-" + WORD_JOINER if len(part) <= 2 else "-") for part in parts[:-1])
            + parts[-1]
        )
    return word.replace("-", "-" + WORD_JOINER)


def _binds(before: str, after: str, short: set[str], language: str = "") -> bool:
    word = before.strip("„“”\"«»‚‘'(").rstrip()
    if not word or not after:
        return False
    if after[0] in "–—":  # a dash never starts a line
        return True
    if _YEAR.fullmatch(after.rstrip(".,;:!?)»“”")):
        return True  # "seit 2020", "since 2020", "в 2022": a year stays with what leads to it
    if _YEAR.fullmatch(word):
        # A year leads on only to the word for "year" in Belarusian and Russian; elsewhere
        # "seit 2020 / strafrechtlich" may part after it.
        return language in ("be", "ru") and after.lower().startswith(("г", "гад"))
    if word[-1].isdigit() and (not after[0].isdigit() or word.isdigit()):
        return True  # "20 €", "1 100", "5 лет" (a figure and what it counts stay together)
    if language == "de" and _DAY.fullmatch(word):
        return True  # "13. Dezember": a day and its month
    if word.endswith(":") and after[0].isdigit():
        return True  # "Besuche: 12": a label and its count
    bare = word.lower()
    return bare.isalpha() and (len(bare) <= 2 or bare in short)


def _keep_last_word(text: str) -> str:
    """Each paragraph's last short word stays with the word before it (no widow on its own)."""
    lines = re.split("([\n\u2028])", text)  # paragraphs, and the line breaks between them
    for index, line in enumerate(lines):
        if line.count(" ") + line.count(NBSP) < 3:
            continue  # a label or a short line: nothing to keep apart
        head, space, last = line.rpartition(" ")
        if space and len(last) <= LAST_WORD_KEPT:
            lines[index] = head + NBSP + last
    return "".join(lines)


_lock = threading.Lock()
_dictionaries: dict[str, Any] = {}


def _dictionary(language: str) -> Any | None:
    name = DICTIONARIES.get(language)
    if name is None:
        return None
    with _lock:
        found = _dictionaries.get(name)
        if found is None:
            import pyphen

            found = pyphen.Pyphen(lang=name)
            _dictionaries[name] = found
        return found


@lru_cache(maxsize=4096)
def _hyphenated_word(word: str, language: str) -> str:
    dictionary = _dictionary(language)
    if dictionary is None:
        return word
    parts = str(dictionary.inserted(word, hyphen=SHY)).split(SHY)
    # Some patterns leave a lone consonant (Belarusian "Na-s-taw..."): it joins the syllable after.
    merged: list[str] = []
    carry = ""
    for part in parts[:-1]:
        if len(carry + part) < 2:
            carry += part
        else:
            merged.append(carry + part)
            carry = ""
    merged.append(carry + parts[-1])
    return SHY.join(merged)


def hyphenate(text: str, language: str) -> str:
    """The text with soft hyphens where its language allows a long word to be divided."""
    if language not in DICTIONARIES:
        return text

    def divide(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < SHORTEST_HYPHENATED or any(word in brand for brand in BRANDS):
            return word
        around = match.string[max(0, match.start() - 1) : match.end() + 2]
        if WORD_JOINER in around:
            return word  # a part of a word kept whole ("бел-чырвона-белы")
        return _hyphenated_word(word, language)

    return _WORD.sub(divide, text)


def visible(text: str) -> str:
    """The text as printed: soft hyphens and break points removed, no-break spaces shown as
    spaces."""
    return (
        text.replace(SHY, "").replace(WORD_JOINER, "").replace(BREAK_POINT, "").replace(NBSP, " ")
    )


def breakable_path(path: str) -> str:
    """A file path that may wrap after each of its slashes, as a reader would part it, and
    nowhere else."""
    kept = path.replace("-", "-" + WORD_JOINER)  # "ausstellung-berlin" stays whole
    return kept.replace("/", "/" + BREAK_POINT).replace("\\", "\\" + BREAK_POINT)
