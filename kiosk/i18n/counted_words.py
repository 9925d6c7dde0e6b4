"""Texts with a number in them, in English, singular and plural: the catalogs hold every
other language's forms, as many as it has (kiosk/i18n/locale)."""

from __future__ import annotations

COUNTED: dict[str, tuple[str, str]] = {
    "n_slides": (
        "{n} slide",
        "{n} slides",
    ),
    "n_errors": (
        "{n} error",
        "{n} errors",
    ),
    "n_warnings": (
        "{n} warning",
        "{n} warnings",
    ),
    "note_pictures_broken": (
        "{n} picture cannot be decoded and shows as empty space; fix the folder (see `validate`)",
        "{n} pictures cannot be decoded and show as empty space; fix the folder (see `validate`)",
    ),
    "pin_wrong": (
        "Wrong PIN – {n} try left",
        "Wrong PIN – {n} tries left",
    ),
    "fleet_minutes_ago": (
        "{n} minute ago",
        "{n} minutes ago",
    ),
}
