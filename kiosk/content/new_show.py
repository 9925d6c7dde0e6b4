"""`kiosk init`: a content folder for a new event, valid from the first minute.

Either a short show with one slide of each kind, taken from the default show in the languages
asked for and explained by comments, or a copy of the whole default show. Organisers edit from
there; `kiosk validate` tells them when something breaks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from kiosk.paths import DEFAULT_CONTENT

# The default show is written in these; a new show can start from any of them.
LANGUAGES = ("de", "en", "be", "ru")

# One slide of each kind from the default show, with what an organiser should know about it.
STARTERS = (
    ("start", "A title slide: a headline with a short text. Openings and chapters."),
    ("act-now", "Facts: a few large figures, each with a caption, and where they come from."),
    (
        "per-million",
        "A chart: rows with a value each. Every figure names its source and its as-of date;\n"
        "review_by is when `validate` starts reminding you to check them again.",
    ),
    (
        "story-student",
        "A story. archetype: true says it stands for many people and names no one. A story of\n"
        "a real person needs their (or their family's) consent: see docs/content.md.",
    ),
    ("quote-bialiatski", "A quote with its author, who they are now, and where it was said."),
    ("manifesto", "The appeal with a QR code: one link per language, shown as a large code."),
)

HEADER = """\
# A new Release N:OW show. Change the text, add or remove slides, then check the folder:
#   kiosk validate {folder}
# The whole format, with every field, is in docs/content.md. Texts are given per language;
# a text that is the same in every language can be written once (kicker: Release N:OW).
"""


class NewShowError(Exception):
    """The folder or the languages asked for cannot make a new show."""


def create_show(folder: Path, languages: list[str], from_default: bool = False) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NewShowError(f"{folder} already exists and is not empty; choose a new folder")
    if from_default:
        shutil.copytree(DEFAULT_CONTENT, folder, dirs_exist_ok=True)
        return
    unknown = [code for code in languages if code not in LANGUAGES]
    if not languages or unknown:
        raise NewShowError(
            f"the starting show is written in {', '.join(LANGUAGES)}"
            + (f"; not in {', '.join(unknown)}" if unknown else "")
            + " (add other languages by hand afterwards)"
        )
    source = yaml.safe_load((DEFAULT_CONTENT / "show.yaml").read_text(encoding="utf-8"))
    slides = {slide["id"]: slide for slide in source["slides"]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "images").mkdir(exist_ok=True)
    parts = [HEADER.format(folder=folder), _settings(source["settings"], languages)]
    parts.append("slides:\n")
    for slide_id, note in STARTERS:
        slide = _only(slides[slide_id], languages)
        image = slide.get("image")
        if isinstance(image, str):
            shutil.copy2(DEFAULT_CONTENT / image, folder / image)
        comment = "".join(f"  # {line}\n" for line in note.splitlines())
        parts.append("\n" + comment + _indented(yaml_text([slide]), 2))
    parts.append(_video_example(languages))
    (folder / "show.yaml").write_text("".join(parts), encoding="utf-8")


VIDEO_NOTE = (
    "A video slide: a short clip, muted, with captions in every language (docs/content.md,\n"
    '"Video slides"; it needs the video extra). Put the clip and its captions into clips/,\n'
    "then take the # away from each line below:"
)


def _video_example(languages: list[str]) -> str:
    """A video slide, commented out: it needs a clip the organiser brings."""
    slide = {
        "id": "statement",
        "kind": "video",
        "file": "clips/statement.mp4",
        "captions": {code: f"clips/statement.{code}.vtt" for code in languages},
        "consent": True,
    }
    example = "".join(f"# {line}" for line in _indented(yaml_text([slide]), 0).splitlines(True))
    note = "".join(f"# {line}\n" for line in VIDEO_NOTE.splitlines())
    return "\n" + _indented(note + example, 2)


def _settings(settings: dict[str, Any], languages: list[str]) -> str:
    manifesto = _only(settings["manifesto"], languages)
    new = {
        "title": {code: "Release N:OW" for code in languages},
        "languages": languages,
        "default_language": languages[0],
        "idle_timeout": settings.get("idle_timeout", 60),
        "slide_duration": settings.get("slide_duration", 12),
        "transition": settings.get("transition", "crossfade"),
        "theme": settings["theme"],
        "manifesto": manifesto,
    }
    return (
        "# The event's settings: its name for staff screens, its languages (the first plays\n"
        "# when nobody is there), timing, colours (in quotes) and the campaign's link.\n"
        + yaml_text({"settings": new})
        + '  # Who publishes printed handouts, with an address (docs/content.md, "Imprint");\n'
        "  # `validate` warns until it is set:\n"
        '  # imprint: "V.i.S.d.P.: <organisation>, <street>, <postcode> <city>"\n'
    )


def _only(value: Any, languages: list[str]) -> Any:
    """The value with texts in the languages asked for only."""
    if isinstance(value, dict):
        if value and all(key in LANGUAGES for key in value):
            if value.keys() <= set(LANGUAGES) and not any(code in value for code in languages):
                # No text in these languages (the manifesto page exists in de and en only):
                # each language leads to the English one, as in the default show.
                fallback = value.get("en", next(iter(value.values())))
                return dict.fromkeys(languages, fallback)
            return {code: text for code, text in value.items() if code in languages}
        return {key: _only(item, languages) for key, item in value.items()}
    if isinstance(value, list):
        return [_only(item, languages) for item in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Writes texts that look like figures ("1.100+", "350+") in quotes: an organiser who edits
    one to "1.100" gets the text it reads as, not the number 1.1."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if FIGURE_LIKE.match(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)
FIGURE_LIKE = re.compile(r"^[\d\s.,+\-%€$]+$")


def yaml_text(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))
