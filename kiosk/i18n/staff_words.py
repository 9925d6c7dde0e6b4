"""The words of staff mode: the PIN pad and the staff menu, in each language."""

from __future__ import annotations

# In the kiosk's language (or kiosk.toml's staff_language).
STAFF_WORDS: dict[str, dict[str, str]] = {
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
    # The answers say what each does: "Close" alone also names the menu's own close button.
    "quit_yes": {
        "de": "Ja, Kiosk beenden",
        "en": "Yes, quit the kiosk",
        "be": "Так, закрыць кіёск",
        "ru": "Да, закрыть киоск",
    },
    "cancel": {
        "de": "Nein, weiter zeigen",
        "en": "No, keep showing",
        "be": "Не, паказваць далей",
        "ru": "Нет, показывать дальше",
    },
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
}
