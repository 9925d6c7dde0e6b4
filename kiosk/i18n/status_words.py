"""The words of the staff status screen and its notes, in each language."""

from __future__ import annotations

STATUS_WORDS: dict[str, dict[str, str]] = {
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
