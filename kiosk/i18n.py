"""The kiosk's own words in each language, and dates and numbers written as readers expect."""

from __future__ import annotations

from kiosk.content.model import AsOf

FALLBACK = "en"

# Each language named in itself, for the language switch.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "be": "Беларуская",
    "ru": "Русский",
    "uk": "Українська",
    "pl": "Polski",
    "lt": "Lietuvių",
    "fr": "Français",
}

STRINGS: dict[str, dict[str, str]] = {
    "sources": {
        "de": "Quellen",
        "en": "Sources",
        "be": "Крыніцы",
        "ru": "Источники",
    },
    "source": {
        "de": "Quelle",
        "en": "Source",
        "be": "Крыніца",
        "ru": "Источник",
    },
    "as_of": {
        "de": "Stand: {date}",
        "en": "As of {date}",
        "be": "Па стане на {date}",
        "ru": "По состоянию на {date}",
    },
    "archetype": {
        "de": "Eine Geschichte, die für viele steht",
        "en": "One story that stands for many",
        "be": "Адна гісторыя, якая расказвае пра многіх",
        "ru": "Одна история, которая рассказывает о многих",
    },
    "scan": {
        "de": "Code scannen",
        "en": "Scan the code",
        "be": "Адсканіруйце код",
        "ru": "Отсканируйте код",
    },
    "previous": {"de": "Zurück", "en": "Previous", "be": "Назад", "ru": "Назад"},
    "next": {"de": "Weiter", "en": "Next", "be": "Далей", "ru": "Далее"},
    "progress": {
        "de": "Folie {n} von {count}",
        "en": "Slide {n} of {count}",
        "be": "Слайд {n} з {count}",
        "ru": "Слайд {n} из {count}",
    },
    "stories": {"de": "Geschichten", "en": "Stories", "be": "Гісторыі", "ru": "Истории"},
    "all_stories": {
        "de": "Alle Geschichten",
        "en": "All stories",
        "be": "Усе гісторыі",
        "ru": "Все истории",
    },
    "take_link": {
        "de": "Link mitnehmen",
        "en": "Take the link with you",
        "be": "Узяць спасылку з сабой",
        "ru": "Взять ссылку с собой",
    },
    "link_title": {
        "de": "Das Manifest zum Mitnehmen",
        "en": "Take the manifesto with you",
        "be": "Маніфест — з сабой",
        "ru": "Манифест — с собой",
    },
    "link_hint": {
        "de": "Richten Sie die Kamera Ihres Telefons auf den Code.",
        "en": "Point your phone's camera at the code.",
        "be": "Навядзіце камеру тэлефона на код.",
        "ru": "Наведите камеру телефона на код.",
    },
    "language": {"de": "Sprache", "en": "Language", "be": "Мова", "ru": "Язык"},
    "larger_text": {
        "de": "Größere Schrift",
        "en": "Larger text",
        "be": "Буйнейшы шрыфт",
        "ru": "Крупнее шрифт",
    },
    "close": {"de": "Schließen", "en": "Close", "be": "Закрыць", "ru": "Закрыть"},
    "touch_hint": {
        "de": "Berühren zum Entdecken",
        "en": "Touch to explore",
        "be": "Дакраніцеся, каб даведацца больш",
        "ru": "Коснитесь, чтобы узнать больше",
    },
    "idle_title": {
        "de": "Zurück zum Start",
        "en": "Returning to start",
        "be": "Вяртаемся да пачатку",
        "ru": "Возвращаемся к началу",
    },
    "idle_stay": {
        "de": "Tippen, um zu bleiben",
        "en": "Tap to stay",
        "be": "Дакраніцеся, каб застацца",
        "ru": "Коснитесь, чтобы остаться",
    },
    # Staff mode: German and English; other languages fall back to English.
    "staff_pin": {"de": "PIN für das Team", "en": "Staff PIN"},
    "pin_locked": {"de": "Gesperrt für {n} s", "en": "Locked for {n} s"},
    "staff_title": {"de": "Team-Menü", "en": "Staff menu"},
    "resume": {"de": "Weiter abspielen", "en": "Resume"},
    "pause_here": {"de": "Hier anhalten", "en": "Pause on this slide"},
    "reload": {"de": "Inhalt neu laden", "en": "Reload content"},
    "switch_folder": {"de": "Anderer Inhalt…", "en": "Switch content folder…"},
    "hide_story": {"de": "Geschichte ausblenden…", "en": "Hide a story…"},
    "status": {"de": "Status", "en": "Status"},
    "reduced_motion": {"de": "Ruhige Darstellung", "en": "Reduced motion"},
    "high_contrast": {"de": "Hoher Kontrast", "en": "High contrast"},
    "quit": {"de": "Beenden", "en": "Quit"},
    "hidden": {"de": "ausgeblendet", "en": "hidden"},
    "checking": {"de": "wird geprüft…", "en": "checking…"},
}

_MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
    "be": "студзень люты сакавік красавік травень чэрвень ліпень жнівень верасень кастрычнік "
    "лістапад снежань",
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
}
# A day of a month takes the genitive in Belarusian and Russian ("21 мая").
_MONTHS_GENITIVE = {
    "be": "студзеня лютага сакавіка красавіка траўня чэрвеня ліпеня жніўня верасня "
    "кастрычніка лістапада снежня",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}


# Texts with a number in them, in each plural form the language has (CLDR's categories:
# German and English have one and other; Belarusian and Russian one, few and many).
COUNTED: dict[str, dict[str, dict[str, str]]] = {
    "pin_wrong": {
        "de": {"one": "Falsche PIN – noch {n} Versuch", "other": "Falsche PIN – noch {n} Versuche"},
        "en": {"one": "Wrong PIN – {n} try left", "other": "Wrong PIN – {n} tries left"},
    },
}


def plural_form(n: int, language: str) -> str:
    """The CLDR plural category of a whole number in a language."""
    if language in ("be", "ru"):
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if n == 1 else "other"


def text(key: str, language: str) -> str:
    table = STRINGS[key]
    return table.get(language) or table[FALLBACK]


def counted(key: str, n: int, language: str) -> str:
    """A text with a number, in the grammatical form that number takes: '1 try', '2 tries'."""
    table = COUNTED[key]
    if language not in table:
        language = FALLBACK
    forms = table[language]
    return forms.get(plural_form(n, language), forms.get("other", "")).format(n=n)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def format_date(day: AsOf, language: str) -> str:
    """'Mai 2025', 'May 2025', 'май 2025 г.', or with a day: '21. Mai 2025', '21 мая 2025 г.'."""
    lang = language if language in _MONTHS else FALLBACK
    year_suffix = " г." if lang in ("be", "ru") else ""
    if day.day is None:
        month = _MONTHS[lang].split()[day.month - 1]
        return f"{month} {day.year}{year_suffix}"
    month = _MONTHS_GENITIVE.get(lang, _MONTHS[lang]).split()[day.month - 1]
    separator = ". " if lang == "de" else " "
    return f"{day.day}{separator}{month} {day.year}{year_suffix}"


def as_of_line(day: AsOf, language: str) -> str:
    return text("as_of", language).format(date=format_date(day, language))


def format_number(value: float, language: str) -> str:
    """Thousands and decimals as each language writes them: 1.100 / 1,100 / 1 100."""
    whole = float(value).is_integer()
    raw = f"{value:,.0f}" if whole else f"{value:,.1f}"
    if language == "de":
        return raw.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if language in ("be", "ru", "uk", "pl", "lt", "fr"):
        return raw.replace(",", "\u202f").replace(".", ",")
    return raw
