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
    # Staff mode, in the kiosk's language (or kiosk.toml's staff_language).
    "staff_pin": {
        "de": "PIN für das Team",
        "en": "Staff PIN",
        "be": "PIN для каманды",
        "ru": "PIN для команды",
    },
    "pin_locked": {
        "de": "Gesperrt für {n} s",
        "en": "Locked for {n} s",
        "be": "Заблакавана на {n} с",
        "ru": "Заблокировано на {n} с",
    },
    "pin_erase": {"de": "Löschen", "en": "Delete", "be": "Сцерці", "ru": "Стереть"},
    "pin_enter": {
        "de": "Bestätigen",
        "en": "Enter",
        "be": "Пацвердзіць",
        "ru": "Подтвердить",
    },
    "staff_hold": {
        "de": "Halten für das Team-Menü",
        "en": "Hold for the staff menu",
        "be": "Трымайце для меню каманды",
        "ru": "Удерживайте для меню команды",
    },
    "staff_title": {
        "de": "Team-Menü",
        "en": "Staff menu",
        "be": "Меню каманды",
        "ru": "Меню команды",
    },
    "resume": {
        "de": "Weiter abspielen",
        "en": "Resume",
        "be": "Працягнуць паказ",
        "ru": "Продолжить показ",
    },
    "pause_here": {
        "de": "Hier anhalten",
        "en": "Pause on this slide",
        "be": "Спыніць на гэтым слайдзе",
        "ru": "Остановить на этом слайде",
    },
    "reload": {
        "de": "Inhalt neu laden",
        "en": "Reload content",
        "be": "Перачытаць змесціва",
        "ru": "Перечитать содержимое",
    },
    "switch_folder": {
        "de": "Anderer Inhalt…",
        "en": "Switch content folder…",
        "be": "Іншае змесціва…",
        "ru": "Другое содержимое…",
    },
    "hide_story": {
        "de": "Geschichten ausblenden…",
        "en": "Hide stories…",
        "be": "Схаваць гісторыі…",
        "ru": "Скрыть истории…",
    },
    "hide_help": {
        "de": "Tippen Sie auf eine Geschichte, um sie auszublenden oder wieder zu zeigen. "
        "Ausgeblendete Geschichten laufen nicht mehr und bleiben es nach einem Neustart.",
        "en": "Tap a story to hide it or to show it again. Hidden stories no longer play, "
        "and stay hidden after a restart.",
        "be": "Дакраніцеся да гісторыі, каб схаваць яе або паказаць зноў. Схаваныя гісторыі "
        "не паказваюцца і застаюцца схаванымі пасля перазапуску.",
        "ru": "Коснитесь истории, чтобы скрыть её или показать снова. Скрытые истории не "
        "показываются и остаются скрытыми после перезапуска.",
    },
    "reduced_motion": {
        "de": "Ruhige Darstellung",
        "en": "Reduced motion",
        "be": "Менш руху",
        "ru": "Меньше движения",
    },
    "high_contrast": {
        "de": "Hoher Kontrast",
        "en": "High contrast",
        "be": "Высокі кантраст",
        "ru": "Высокий контраст",
    },
    "quit": {
        "de": "Kiosk beenden…",
        "en": "Quit the kiosk…",
        "be": "Закрыць кіёск…",
        "ru": "Закрыть киоск…",
    },
    "quit_question": {
        "de": "Kiosk beenden? Er startet nicht von selbst neu.",
        "en": "Quit the kiosk? It will not restart by itself.",
        "be": "Закрыць кіёск? Ён не перазапусціцца сам.",
        "ru": "Закрыть киоск? Он не перезапустится сам.",
    },
    "quit_yes": {"de": "Beenden", "en": "Quit", "be": "Закрыць", "ru": "Закрыть"},
    "cancel": {"de": "Abbrechen", "en": "Cancel", "be": "Адмена", "ru": "Отмена"},
    "hidden": {"de": "Ausgeblendet", "en": "Hidden", "be": "Схавана", "ru": "Скрыто"},
    "checking": {
        "de": "wird geprüft…",
        "en": "checking…",
        "be": "правяраецца…",
        "ru": "проверяется…",
    },
    "current_show": {
        "de": "läuft jetzt",
        "en": "playing now",
        "be": "паказваецца зараз",
        "ru": "показывается сейчас",
    },
    "not_switched": {
        "de": "{folder}: nicht gewechselt, der Ordner hat Fehler",
        "en": "{folder}: not switched, the folder has errors",
        "be": "{folder}: не пераключана, у тэчцы памылкі",
        "ru": "{folder}: не переключено, в папке ошибки",
    },
    "settings_kept": {
        "de": "Bleibt nach einem Neustart so.",
        "en": "Stays so after a restart.",
        "be": "Застаецца так пасля перазапуску.",
        "ru": "Остаётся так после перезапуска.",
    },
    # Staff status
    "status_content": {
        "de": "Inhalt: {folder}",
        "en": "Content: {folder}",
        "be": "Змесціва: {folder}",
        "ru": "Содержимое: {folder}",
    },
    "status_version_signed": {
        "de": "Version: signiert mit Schlüssel {key} ({comment}), Fingerabdruck {fingerprint}",
        "en": "Version: signed by key {key} ({comment}), fingerprint {fingerprint}",
        "be": "Версія: падпісана ключом {key} ({comment}), адбітак {fingerprint}",
        "ru": "Версия: подписана ключом {key} ({comment}), отпечаток {fingerprint}",
    },
    "status_version_unsigned": {
        "de": "Version: nicht signiert, Fingerabdruck {fingerprint}",
        "en": "Version: not signed, fingerprint {fingerprint}",
        "be": "Версія: не падпісана, адбітак {fingerprint}",
        "ru": "Версия: не подписана, отпечаток {fingerprint}",
    },
    "status_unverified": {
        "de": "Shows werden nicht geprüft: kiosk.toml nennt keine trusted_keys",
        "en": "Shows are not verified: kiosk.toml lists no trusted_keys",
        "be": "Паказы не правяраюцца: у kiosk.toml няма trusted_keys",
        "ru": "Показы не проверяются: в kiosk.toml нет trusted_keys",
    },
    "status_denied": {
        "de": "Keine neue Show darf laufen: kiosk.toml oder ein Schlüssel darin ist nicht lesbar "
        "(Protokoll); nur die zuletzt signierte Show läuft",
        "en": "No new show may play: kiosk.toml or a key in it cannot be read (see the log); "
        "only the last signed show plays",
        "be": "Ніводны новы паказ не можа ісці: kiosk.toml або ключ у ім немагчыма прачытаць "
        "(гл. журнал); ідзе толькі апошні падпісаны паказ",
        "ru": "Ни один новый показ не может идти: kiosk.toml или ключ в нём не читается "
        "(см. журнал); идёт только последний подписанный показ",
    },
    "pin_refused": {
        "de": "Das Personalmenü bleibt zu: die PIN in kiosk.toml ist ungültig (4 bis 12 Ziffern "
        "in Anführungszeichen). kiosk.toml korrigieren und neu starten.",
        "en": "The staff menu stays shut: the PIN in kiosk.toml is not valid (4 to 12 digits in "
        "quotes). Fix kiosk.toml and restart.",
        "be": "Меню персаналу застаецца зачыненым: PIN у kiosk.toml няправільны (ад 4 да 12 "
        "лічбаў у двукоссі). Выпраўце kiosk.toml і перазапусціце.",
        "ru": "Меню персонала остаётся закрытым: PIN в kiosk.toml неверный (от 4 до 12 цифр в "
        "кавычках). Исправьте kiosk.toml и перезапустите.",
    },
    "status_ignored": {
        "de": "Nicht Teil der Show, übergangen: {files}",
        "en": "Not part of the show, passed over: {files}",
        "be": "Не частка паказу, прапушчана: {files}",
        "ru": "Не часть показа, пропущено: {files}",
    },
    "litter_thumbnails": {
        "de": "Miniaturbild-Speicher von Windows",
        "en": "Windows' thumbnail cache",
        "be": "кэш мініяцюр Windows",
        "ru": "кэш миниатюр Windows",
    },
    "litter_folder-settings": {
        "de": "Ordnereinstellungen von Windows",
        "en": "Windows' folder settings",
        "be": "налады тэчкі Windows",
        "ru": "настройки папки Windows",
    },
    "litter_conflict": {
        "de": "Konfliktkopie des Sync-Programms: der Ordner wurde an zwei Orten bearbeitet",
        "en": "a sync tool's conflict copy: the folder was edited in two places",
        "be": "канфліктная копія праграмы сінхранізацыі: тэчку змянялі ў двух месцах",
        "ru": "конфликтная копия программы синхронизации: папку меняли в двух местах",
    },
    "status_languages": {"de": "Sprachen", "en": "languages", "be": "мовы", "ru": "языки"},
    "status_playing": {
        "de": "Spielt ab: Folie {n} von {count}",
        "en": "Playing: slide {n} of {count}",
        "be": "Ідзе паказ: слайд {n} з {count}",
        "ru": "Идёт показ: слайд {n} из {count}",
    },
    "status_paused": {
        "de": "Angehalten seit {time} auf Folie {n} von {count}",
        "en": "Paused since {time} on slide {n} of {count}",
        "be": "Спынена з {time} на слайдзе {n} з {count}",
        "ru": "Остановлено с {time} на слайде {n} из {count}",
    },
    "status_note": {
        "de": "Hinweis: {note}",
        "en": "Note: {note}",
        "be": "Заўвага: {note}",
        "ru": "Примечание: {note}",
    },
    "status_hidden": {
        "de": "Ausgeblendete Geschichten: {titles}",
        "en": "Hidden stories: {titles}",
        "be": "Схаваныя гісторыі: {titles}",
        "ru": "Скрытые истории: {titles}",
    },
    "status_access": {
        "de": "Für alle Besucher: {settings}",
        "en": "For every visitor: {settings}",
        "be": "Для ўсіх наведвальнікаў: {settings}",
        "ru": "Для всех посетителей: {settings}",
    },
    "status_running": {
        "de": "Läuft seit {h} h {m} min · Version {version}",
        "en": "Running for {h} h {m} min · version {version}",
        "be": "Працуе {h} г {m} хв · версія {version}",
        "ru": "Работает {h} ч {m} мин · версия {version}",
    },
    "status_today": {"de": "Heute", "en": "Today", "be": "Сёння", "ru": "Сегодня"},
    "slides_shown": {
        "de": "Folien gezeigt",
        "en": "slides shown",
        "be": "паказана слайдаў",
        "ru": "показано слайдов",
    },
    "stories_opened": {
        "de": "Geschichten geöffnet",
        "en": "stories opened",
        "be": "адкрыта гісторый",
        "ru": "открыто историй",
    },
    "qr_shown": {
        "de": "Link-Code geöffnet",
        "en": "link code opened",
        "be": "адкрыта код спасылкі",
        "ru": "открыт код ссылки",
    },
    "language_chosen": {
        "de": "Sprache gewechselt",
        "en": "language changed",
        "be": "зменена мова",
        "ru": "сменён язык",
    },
    "sessions": {
        "de": "Besuche",
        "en": "visits",
        "be": "наведванняў",
        "ru": "посещений",
    },
    "status_errors": {
        "de": "Letzte Fehler (Protokoll):",
        "en": "Last errors (log):",
        "be": "Апошнія памылкі (журнал):",
        "ru": "Последние ошибки (журнал):",
    },
    "status_no_errors": {
        "de": "Letzte Fehler: keine",
        "en": "Last errors: none",
        "be": "Апошнія памылкі: няма",
        "ru": "Последние ошибки: нет",
    },
    # Why the show on screen is not what its folder holds (staff status).
    "note_reload_failed": {
        "de": "Neu laden fehlgeschlagen ({error}); der letzte gute Inhalt läuft weiter",
        "en": "reload failed ({error}); the last good show plays on",
        "be": "перачытаць не ўдалося ({error}); паказ апошняга добрага змесціва працягваецца",
        "ru": "перечитать не удалось ({error}); показ последнего хорошего содержимого продолжается",
    },
    "note_reload_refused": {
        "de": "Neu laden abgelehnt: der Ordner hat Fehler; der letzte gute Inhalt läuft weiter",
        "en": "reload refused: the folder has errors; the last good show plays on",
        "be": "перачытанне адхілена: у тэчцы памылкі; паказ апошняга добрага змесціва працягваецца",
        "ru": "перечитывание отклонено: в папке ошибки; показ последнего хорошего содержимого "
        "продолжается",
    },
    "note_rejected": {
        "de": "der neue Inhalt hat Fehler; der letzte gute Inhalt läuft weiter",
        "en": "new content has errors; the last good show keeps playing",
        "be": "у новым змесціве памылкі; паказ апошняга добрага змесціва працягваецца",
        "ru": "в новом содержимом ошибки; показ последнего хорошего содержимого продолжается",
    },
    "note_start_refused": {
        "de": "der Inhaltsordner war beim Start nicht gültig; der zuletzt gezeigte gute Inhalt "
        "läuft",
        "en": "the content folder was not valid at start; the last good show plays",
        "be": "тэчка змесціва пры запуску была няправільная; ідзе апошні добры паказ",
        "ru": "папка содержимого при запуске была неверной; идёт последний хороший показ",
    },
    "note_standby": {
        "de": "keine Show darf laufen (Ordner abgelehnt, keine gute gespeichert); Bereitschaft",
        "en": "no show may play (folder refused, none kept); standing by",
        "be": "ніводны паказ не можа ісці (тэчка адхілена, добрага не захавана); чаканне",
        "ru": "ни один показ не может идти (папка отклонена, хорошего не сохранено); ожидание",
    },
    "status_sync_stalled": {
        "de": "eine Übertragung des Sync-Programms steht seit 10 Minuten still; der Ordner wurde "
        "ohne sie geprüft",
        "en": "a sync tool's transfer has stood still for 10 minutes; the folder was checked "
        "without it",
        "be": "перадача праграмы сінхранізацыі стаіць 10 хвілін; тэчку праверылі без яе",
        "ru": "передача программы синхронизации стоит 10 минут; папку проверили без неё",
    },
    "note_not_kept": {
        "de": "die Änderung konnte nicht gespeichert werden: sie gilt bis zum Beenden, nicht nach "
        "einem Neustart",
        "en": "the change could not be saved: it holds until the kiosk stops, not after a restart",
        "be": "змену не ўдалося захаваць: яна дзейнічае да спынення кіёска, не пасля перазапуску",
        "ru": "изменение не удалось сохранить: оно действует до остановки киоска, не после "
        "перезапуска",
    },
    "note_folder_gone": {
        "de": "der Inhaltsordner ist weg (USB-Stick abgezogen?); es läuft aus dem Speicher",
        "en": "the content folder is gone (USB stick pulled?); playing from memory",
        "be": "тэчкі змесціва больш няма (выцягнулі USB-назапашвальнік?); паказ ідзе з памяці",
        "ru": "папки содержимого больше нет (вынули USB-накопитель?); показ идёт из памяти",
    },
    "note_pictures_unchecked": {
        "de": "die Bilder konnten nicht geprüft werden ({error})",
        "en": "the pictures could not be checked ({error})",
        "be": "не ўдалося праверыць выявы ({error})",
        "ru": "не удалось проверить изображения ({error})",
    },
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
    "n_slides": {
        "de": {"one": "{n} Folie", "other": "{n} Folien"},
        "en": {"one": "{n} slide", "other": "{n} slides"},
        "be": {"one": "{n} слайд", "few": "{n} слайды", "many": "{n} слайдаў"},
        "ru": {"one": "{n} слайд", "few": "{n} слайда", "many": "{n} слайдов"},
    },
    "n_errors": {
        "de": {"one": "{n} Fehler", "other": "{n} Fehler"},
        "en": {"one": "{n} error", "other": "{n} errors"},
        "be": {"one": "{n} памылка", "few": "{n} памылкі", "many": "{n} памылак"},
        "ru": {"one": "{n} ошибка", "few": "{n} ошибки", "many": "{n} ошибок"},
    },
    "n_warnings": {
        "de": {"one": "{n} Warnung", "other": "{n} Warnungen"},
        "en": {"one": "{n} warning", "other": "{n} warnings"},
        "be": {"one": "{n} папярэджанне", "few": "{n} папярэджанні", "many": "{n} папярэджанняў"},
        "ru": {
            "one": "{n} предупреждение",
            "few": "{n} предупреждения",
            "many": "{n} предупреждений",
        },
    },
    "note_pictures_broken": {
        "de": {
            "one": "{n} Bild lässt sich nicht dekodieren und bleibt leer; Ordner prüfen "
            "(siehe `validate`)",
            "other": "{n} Bilder lassen sich nicht dekodieren und bleiben leer; Ordner prüfen "
            "(siehe `validate`)",
        },
        "en": {
            "one": "{n} picture cannot be decoded and show as empty space; fix the folder "
            "(see `validate`)",
            "other": "{n} pictures cannot be decoded and show as empty space; fix the folder "
            "(see `validate`)",
        },
        "be": {
            "one": "{n} выяву немагчыма раскадаваць, на яе месцы пуста; выпраўце тэчку "
            "(гл. `validate`)",
            "few": "{n} выявы немагчыма раскадаваць, на іх месцы пуста; выпраўце тэчку "
            "(гл. `validate`)",
            "many": "{n} выяў немагчыма раскадаваць, на іх месцы пуста; выпраўце тэчку "
            "(гл. `validate`)",
        },
        "ru": {
            "one": "{n} изображение не декодируется, на его месте пусто; исправьте папку "
            "(см. `validate`)",
            "few": "{n} изображения не декодируются, на их месте пусто; исправьте папку "
            "(см. `validate`)",
            "many": "{n} изображений не декодируются, на их месте пусто; исправьте папку "
            "(см. `validate`)",
        },
    },
    "pin_wrong": {
        "de": {"one": "Falsche PIN – noch {n} Versuch", "other": "Falsche PIN – noch {n} Versuche"},
        "en": {"one": "Wrong PIN – {n} try left", "other": "Wrong PIN – {n} tries left"},
        "be": {
            "one": "Няправільны PIN – засталася {n} спроба",
            "few": "Няправільны PIN – засталося {n} спробы",
            "many": "Няправільны PIN – засталося {n} спроб",
        },
        "ru": {
            "one": "Неверный PIN – осталась {n} попытка",
            "few": "Неверный PIN – осталось {n} попытки",
            "many": "Неверный PIN – осталось {n} попыток",
        },
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
