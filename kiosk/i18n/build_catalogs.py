"""Builds the kiosk's catalogs from its English words: `make catalogs`.

The English texts are the source (kiosk/i18n/*_words.py); each other language's are in a
gettext catalog, kiosk/i18n/locale/LANG/LC_MESSAGES/kiosk.po, that a translator edits with
any .po editor. Each entry's context is the key the kiosk looks the text up by. This tool
writes the template (kiosk.pot) from the English, brings every .po up to date with it (a
changed English text marks its translation fuzzy, to be looked at; a new one comes in
untranslated) and compiles each .po into the .mo the kiosk reads. Babel does the work and
knows each language's plural forms from CLDR; the running kiosk needs only Python's gettext.

Dates and numbers come from CLDR too: this tool writes kiosk/i18n/written_forms.py, each
language's month names, date patterns and digit separators as Babel's CLDR data gives them,
so that the running kiosk formats a date without loading Babel's locale data (about 2 MB of
Python objects per language).

`python -m kiosk.i18n.build_catalogs --check` changes nothing and fails when a catalog is
incomplete (untranslated, fuzzy, a placeholder lost, a plural form missing) or when a .pot,
.po, .mo or written_forms.py is not what the English, the translations and CLDR make.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from pathlib import Path

from babel import Locale
from babel.dates import tokenize_pattern
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

import kiosk
from kiosk import __version__
from kiosk.i18n import LANGUAGE_NAMES
from kiosk.i18n.catalogs import DOMAIN, LANGUAGES, LOCALE_DIR
from kiosk.i18n.counted_words import COUNTED
from kiosk.i18n.said import LOG_CONTEXT, SAID_CONTEXT
from kiosk.i18n.staff_words import STAFF_WORDS
from kiosk.i18n.status_words import STATUS_WORDS
from kiosk.i18n.visitor_words import VISITOR_WORDS

PROJECT = "release-now-kiosk"
WIDTH = 96  # a .po file's lines, so that a change to one text is one change in review
# Where each group of words is shown, for the translator (an extracted comment per entry).
SHOWN = (
    (VISITOR_WORDS, "visitor_words.py: read by visitors on the screen"),
    (STAFF_WORDS, "staff_words.py: staff mode, its PIN pad and menu"),
    (STATUS_WORDS, "status_words.py: the staff status screen and its notes"),
)
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
PRINTF = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdifr%]")  # a log line's, kept in their order
SAID_IN_CODE = {
    LOG_CONTEXT: "a log line; staff read its first line on the status screen",
    SAID_CONTEXT: "said to staff (and in the log), its values filled in",
}


HEADER = """\
# {what} of the words of the Release N:OW exhibition kiosk.
# The English texts are in kiosk/i18n/*_words.py; each entry's context is the key the kiosk
# looks it up by. Edit msgstr only, then run `make catalogs`."""
TEAM = "Release N:OW kiosk"


def _dress(catalog: Catalog, what: str) -> Catalog:
    """The header every catalog carries: what it is, and no placeholder left by the tools."""
    catalog.header_comment = HEADER.format(what=what)
    catalog.project = PROJECT
    catalog.version = __version__
    catalog.copyright_holder = TEAM
    catalog.msgid_bugs_address = TEAM
    catalog.last_translator = TEAM
    catalog.language_team = TEAM
    catalog.fuzzy = False
    return catalog


def said_in_code() -> list[tuple[str, str, str]]:
    """The kiosk's log lines that staff read (errors) and its `said` texts, found in its code:
    (context, English, the file), in the order of the files."""
    package = Path(kiosk.__file__).resolve().parent
    found = []
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), name)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first, call = node.args[0], node.func
            if isinstance(call, ast.Name) and call.id == "ValueCheckError" and len(node.args) > 1:
                first = node.args[1]  # (kind, template, values)
            if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
                continue
            if not re.search(r"[A-Za-z]", PRINTF.sub("", first.value)):
                continue  # "%s": nothing to translate
            if isinstance(call, ast.Name) and call.id in ("said", "english", "ValueCheckError"):
                found.append((SAID_CONTEXT, first.value, name))
            elif (
                isinstance(call, ast.Attribute)
                and call.attr in ("error", "exception", "critical")
                and isinstance(call.value, ast.Name)
                and call.value.id == "log"
            ):
                found.append((LOG_CONTEXT, first.value, name))
    return found


def template() -> Catalog:
    """Every English text the kiosk shows, as a gettext template."""
    catalog = _dress(Catalog(domain=DOMAIN), "The template")
    for words, where in SHOWN:
        for key, english in words.items():
            catalog.add(english, context=key, auto_comments=[where])
    for key, (one, other) in COUNTED.items():
        catalog.add((one, other), context=key, auto_comments=["counted_words.py: with a number"])
    for context, english, name in said_in_code():
        what = SAID_IN_CODE[context]
        known = catalog.get(english, context=context)
        if known is not None:
            known.locations = []
            known.auto_comments = [*known.auto_comments, f"{name}: {what}"]
            continue
        catalog.add(english, context=context, auto_comments=[f"{name}: {what}"])
    return catalog


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated(language: str, source: Catalog) -> Catalog:
    """The language's catalog as it is, brought up to date with the English."""
    path = po_path(language)
    if path.exists():
        with path.open("rb") as file:
            catalog = read_po(file, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(locale=language, project=PROJECT, domain=DOMAIN, fuzzy=False)
    # Texts found in the code have their English as their key: a changed one is a new text.
    keyed = [m for m in catalog if m.id and m.context not in SAID_IN_CODE]
    before = {message.context: message for message in keyed}
    catalog.update(source, no_fuzzy_matching=True)
    catalog.obsolete.clear()  # texts the kiosk no longer shows
    for message in catalog:
        # An English text changed under its key: its translation stays, marked for review.
        old = before.get(message.context)
        if not message.id or old is None or old.id == message.id or not old.string:
            continue
        if isinstance(old.id, tuple) == isinstance(message.id, tuple):
            message.string = old.string
            message.flags.add("fuzzy")
    catalog.revision_date = catalog.creation_date
    return _dress(catalog, f"The {Locale.parse(language).english_name} translation")


def problems(catalog: Catalog) -> list[str]:
    """What keeps a catalog from being used as it is: each a line naming the entry."""
    found = []
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"{catalog.locale}: {message.context}"
        if message.context in SAID_IN_CODE:
            where += f" {str(message.id)[:50]!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"{where}: the English changed; check the translation, then unmark it")
        if not all(strings):
            found.append(f"{where}: not translated")
            continue
        if isinstance(message.id, tuple) and len(strings) != catalog.num_plurals:
            found.append(
                f"{where}: {len(strings)} plural forms, the language has {catalog.num_plurals}"
            )
        english = str(message.id[-1] if isinstance(message.id, tuple) else message.id)
        wanted = sorted(set(PLACEHOLDER.findall(english)))
        for string in strings:
            if sorted(set(PLACEHOLDER.findall(str(string)))) != wanted:
                found.append(f"{where}: placeholders {wanted} in English, not in {string!r}")
            if message.context == LOG_CONTEXT and PRINTF.findall(str(string)) != PRINTF.findall(
                english
            ):
                found.append(f"{where}: the values' places (%s …) differ in {string!r}")
    return found


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, ignore_obsolete=True)
    return out.getvalue()


def _mo_bytes(po: bytes, language: str) -> bytes:
    """The compiled catalog, made from the .po file's bytes alone (its dates included), so
    that an unchanged .po compiles to the same .mo."""
    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po), locale=language, domain=DOMAIN), use_fuzzy=False)
    return out.getvalue()


def _unless_only_dated(path: Path, data: bytes) -> bytes:
    """The file as it is when the new one differs only in its dates; else the new one."""
    have = path.read_bytes() if path.exists() else b""
    return have if _without_dates(have) == _without_dates(data) else data


def _without_dates(data: bytes) -> bytes:
    """A .po or .pot without the header lines that change with every build or version."""
    lines = rb'"(POT-Creation-Date|PO-Revision-Date|Project-Id-Version): [^"]*\\n"\n'
    return re.sub(lines, b"", data)


def outputs() -> tuple[dict[Path, bytes], list[str]]:
    """Every file the catalogs consist of, as the English and the translations make them,
    and the problems found in the translations."""
    source = template()
    pot = LOCALE_DIR / f"{DOMAIN}.pot"
    files = {pot: _unless_only_dated(pot, _po_bytes(source))}
    found = []
    for language in LANGUAGES:
        catalog = updated(language, source)
        found += problems(catalog)
        path = po_path(language)
        po = files[path] = _unless_only_dated(path, _po_bytes(catalog))
        files[path.with_suffix(".mo")] = _mo_bytes(po, language)
    files[WRITTEN_FORMS] = _written_forms_bytes()
    return files, found


WRITTEN_FORMS = Path(__file__).resolve().parent / "written_forms.py"
# The CLDR locale each language's dates and numbers are written as, where it is not the
# language itself: the campaign's English readers are in Europe ("21 May 2025").
CLDR_LOCALE = {"en": "en_GB"}
# Where the campaign writes otherwise than CLDR: CLDR gives Belarusian May as "май", the
# form it shares with Russian; Belarusian readers of the campaign read "травень".
MONTH_NAMES_OVERRIDDEN = {"be": {5: ("травень", "траўня")}}


def _pattern(pattern: str) -> str:
    """A CLDR date pattern as a format string with {day}, {month} and {year}."""
    fields = {"d": "{day}", "y": "{year}", "M": "{month}", "L": "{month}"}
    out = []
    for kind, value in tokenize_pattern(pattern):
        if kind == "chars" and isinstance(value, str):
            out.append(value.replace("{", "{{").replace("}", "}}"))
            continue
        letter, width = str(value[0]), int(value[1])
        if letter in fields and (letter not in "ML" or width >= 4):
            out.append(fields[letter])
        else:
            raise ValueError(f"a date pattern with a field the kiosk does not write: {pattern}")
    return "".join(out)


def written_forms() -> dict[str, dict[str, object]]:
    """Each language's month names (alone, and as a day's month), date patterns and digit
    separators, from CLDR."""
    forms: dict[str, dict[str, object]] = {}
    for language in LANGUAGE_NAMES:
        locale = Locale.parse(CLDR_LOCALE.get(language, language))
        alone = [locale.months["stand-alone"]["wide"][m] for m in range(1, 13)]
        of_day = [locale.months["format"]["wide"][m] for m in range(1, 13)]
        for month, (name, name_of_day) in MONTH_NAMES_OVERRIDDEN.get(language, {}).items():
            alone[month - 1], of_day[month - 1] = name, name_of_day
        symbols = locale.number_symbols["latn"]
        forms[language] = {
            "month": tuple(alone),
            "month_of_day": tuple(of_day),
            "month_year": _pattern(str(locale.datetime_skeletons["yMMMM"])),
            "day_month_year": _pattern(locale.date_formats["long"].pattern),
            "group": symbols["group"],
            "decimal": symbols["decimal"],
        }
    return forms


def _quoted(text: str) -> str:
    """A Python string literal as the formatter writes it, with invisible spaces (a
    no-break space between thousands) spelt out."""
    visible = (
        c if c == " " or (c.isprintable() and not c.isspace()) else f"\\u{ord(c):04x}"
        for c in text.replace("\\", "\\\\").replace('"', '\\"')
    )
    return '"' + "".join(visible) + '"'


def _written_forms_bytes() -> bytes:
    lines = [
        '"""Dates and numbers as each language writes them, from CLDR (made by',
        "kiosk/i18n/build_catalogs.py with Babel: `make catalogs`; not edited by hand).",
        "",
        "month: a month's name alone, as in 'May 2025'; month_of_day: as in a day's date",
        "('21 мая'); month_year and day_month_year: the patterns; group and decimal: the",
        'separators of thousands and of decimals."""',
        "",
        "FORMS: dict[str, dict[str, str | tuple[str, ...]]] = {",
    ]
    for language, form in written_forms().items():
        lines.append(f"    {_quoted(language)}: {{")
        for key, value in form.items():
            if isinstance(value, tuple):
                lines.append(f"        {_quoted(key)}: (")
                lines += [f"            {_quoted(name)}," for name in value]
                lines.append("        ),")
            else:
                lines.append(f"        {_quoted(key)}: {_quoted(str(value))},")
        lines.append("    },")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def stale(files: dict[Path, bytes]) -> list[Path]:
    """The files that differ from what they would be built as."""
    return [path for path, data in files.items() if not path.exists() or path.read_bytes() != data]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.i18n.build_catalogs")
    parser.add_argument("--check", action="store_true", help="change nothing; fail if not built")
    args = parser.parse_args(argv)
    files, found = outputs()
    for line in found:
        print(line, file=sys.stderr)
    if args.check:
        for path in stale(files):
            print(f"{path}: not built from the English and the translations", file=sys.stderr)
        return 1 if found or stale(files) else 0
    for path in stale(files):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
