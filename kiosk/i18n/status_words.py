"""The words of the staff status screen and its notes, in English: the catalogs hold every
other language's (kiosk/i18n/locale)."""

from __future__ import annotations

STATUS_WORDS: dict[str, str] = {
    # A problem the check of a show found: "show.yaml:12:5: error: …".
    "check_error": "error",
    "check_warning": "warning",
    "status_content": "Content: {folder}",
    "status_version_signed": "Version: signed by key {key} ({comment}), fingerprint {fingerprint}",
    "status_version_unsigned": "Version: not signed, fingerprint {fingerprint}",
    "status_unverified": "Shows are not verified: kiosk.toml lists no trusted_keys",
    "status_denied": (
        "No new show may play: kiosk.toml or a key in it cannot be read (see the log); only the "
        "last signed show plays"
    ),
    "pin_refused": (
        "The staff menu stays shut: the PIN in kiosk.toml is not valid (4 to 12 digits in quotes). "
        "Fix kiosk.toml and restart."
    ),
    "status_ignored": "Not part of the show, passed over: {files}",
    "litter_thumbnails": "Windows’ thumbnail cache",
    "litter_folder-settings": "Windows’ folder settings",
    "litter_conflict": "a sync tool’s conflict copy: the folder was edited in two places",
    "status_languages": "languages",
    "status_playing": "Playing: slide {n} of {count}",
    "status_paused": "Paused since {time} on slide {n} of {count}",
    "status_note": "Note: {note}",
    "status_hidden": "Hidden stories: {titles}",
    "status_access": "For every visitor: {settings}",
    "status_running": "Running for {h} h {m} min · version {version}",
    "status_today": "Today",
    "slides_shown": "slides shown",
    "stories_opened": "stories opened",
    "qr_shown": "link code opened",
    "language_chosen": "language changed",
    "sessions": "visits",
    "status_errors": "Last errors (log):",
    "status_no_errors": "Last errors: none",
    "note_reload_failed": "reload failed ({error}); the last good show plays on",
    "note_reload_refused": "reload refused: the folder has errors; the last good show plays on",
    "note_rejected": "new content has errors; the last good show keeps playing",
    "note_start_refused": "the content folder was not valid at start; the last good show plays",
    "note_standby": "no show may play (folder refused, none kept); standing by",
    "status_sync_stalled": (
        "a sync tool’s transfer has stood still for 10 minutes; the folder was checked without it"
    ),
    "note_not_kept": (
        "the change could not be saved: it holds until the kiosk stops, not after a restart"
    ),
    "note_folder_gone": "the content folder is gone (USB stick pulled?); playing from memory",
    "note_pictures_unchecked": "the pictures could not be checked ({error})",
    # `kiosk fleet`: the organiser's table of every kiosk's status.
    "fleet_title": "Kiosks",
    "fleet_none": "No kiosk has reported to this folder yet.",
    "fleet_column_kiosk": "Kiosk",
    "fleet_column_state": "State",
    "fleet_column_show": "Show playing",
    "fleet_column_heard": "Last heard",
    "fleet_column_notes": "Notes",
    "fleet_state_playing": "playing",
    "fleet_state_refused": "refused a new show",
    "fleet_state_quiet": "not heard from",
    "fleet_state_standby": "standing by (no show)",
    "fleet_unreadable": "unreadable",
    "fleet_signed_by": "signed by {key}",
    "fleet_unsigned": "UNSIGNED",
    "fleet_flag_unsigned": "plays an unsigned show",
    "fleet_flag_unsigned_allowed": "would play unsigned shows (no trusted key)",
    "fleet_flag_older_version": "older kiosk version",
    "fleet_flag_conflict": "conflict copy in its folder",
    "fleet_flag_waiting": "waiting for a sync to finish",
    "fleet_flag_denied": "refuses every new show: its kiosk.toml or a key cannot be read",
    "fleet_refused_because": "refused {fingerprint}: {reasons}",
}
