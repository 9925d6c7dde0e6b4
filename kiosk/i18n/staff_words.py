"""The words of staff mode, the PIN pad and the staff menu, in English: the catalogs hold
every other language's (kiosk/i18n/locale). Shown in the kiosk's language (or kiosk.toml's
staff_language)."""

from __future__ import annotations

STAFF_WORDS: dict[str, str] = {
    "staff_pin": "Staff PIN",
    "pin_locked": "Locked for {n} s",
    "pin_erase": "Delete",
    "pin_enter": "Enter",
    "staff_hold": "Hold for the staff menu",
    "staff_title": "Staff menu",
    "resume": "Resume",
    "pause_here": "Pause on this slide",
    "reload": "Reload content",
    "switch_folder": "Switch content folder…",
    "hide_story": "Hide stories…",
    "hide_help": (
        "Tap a story to hide it or to show it again. Hidden stories no longer play, and stay "
        "hidden after a restart."
    ),
    "reduced_motion": "Reduced motion",
    "high_contrast": "High contrast",
    "quit": "Quit the kiosk…",
    "quit_question": "Quit the kiosk? It will not restart by itself.",
    "quit_yes": "Yes, quit the kiosk",
    "cancel": "No, keep showing",
    "hidden": "Hidden",
    "checking": "checking…",
    "current_show": "playing now",
    "folders_earlier": "\u2039 Earlier folders",
    "folders_more": "More folders \u203a",
    "not_switched": "{folder}: not switched, the folder has errors",
    "settings_kept": "Stays so after a restart.",
}
