"""The words visitors read on the screen, in each language."""

from __future__ import annotations

VISITOR_WORDS: dict[str, dict[str, str]] = {
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
        "en": "Take the link",
        "be": "Спасылка з сабой",
        "ru": "Ссылка с собой",
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
    # The invitation in a language the slides are not shown in right now.
    "touch_hint_other": {
        "de": "Berühren – auch auf Deutsch",
        "en": "Touch – also in English",
        "be": "Дакраніцеся – ёсць і па-беларуску",
        "ru": "Коснитесь – есть и на русском",
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
    # Beside the manifesto's code on every slide.
    "corner_code": {
        "de": "Manifest lesen",
        "en": "Read the manifesto",
        "be": "Прачытаць маніфест",
        "ru": "Прочитать манифест",
    },
    # Under a code whose page is not in the visitor's language: the page's language. The
    # Belarusian hyphen is U+2011, which does not break: the words stand in a narrow column.
    "page_in_de": {
        "de": "Seite auf Deutsch",
        "en": "Page in German",
        "be": "Старонка па\u2011нямецку",
        "ru": "Страница на немецком",
    },
    "page_in_en": {
        "de": "Seite auf Englisch",
        "en": "Page in English",
        "be": "Старонка па\u2011англійску",
        "ru": "Страница на английском",
    },
    "page_in_be": {
        "de": "Seite auf Belarusisch",
        "en": "Page in Belarusian",
        "be": "Старонка па\u2011беларуску",
        "ru": "Страница на белорусском",
    },
    "page_in_ru": {
        "de": "Seite auf Russisch",
        "en": "Page in Russian",
        "be": "Старонка па\u2011руску",
        "ru": "Страница на русском",
    },
    "page_in_other": {
        "de": "Seite in einer anderen Sprache",
        "en": "Page in another language",
        "be": "Старонка на іншай мове",
        "ru": "Страница на другом языке",
    },
    # Before the visitor's translation of a quote shown in the words it was said in.
    "translation": {
        "de": "Übersetzung",
        "en": "Translation",
        "be": "Пераклад",
        "ru": "Перевод",
    },
}
