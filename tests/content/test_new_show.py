"""`kiosk init`: a new event's folder that validates at once, with one slide of each kind."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kiosk import cli
from kiosk.content import load_show
from kiosk.content.model import SLIDE_KINDS
from kiosk.paths import DEFAULT_CONTENT
from tests.clipfiles import make_clip


@pytest.mark.parametrize("languages", ["de,en", "en", "be,ru", "ru,de", "de,en,be,ru"])
def test_a_new_show_validates_with_no_error_and_only_the_imprint_to_fill_in(
    tmp_path: Path, languages: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "berlin-2026"
    assert cli.main(["init", str(folder), "--languages", languages]) == 0
    assert f"kiosk validate {folder}" in capsys.readouterr().out
    loaded = load_show(folder, decode_pictures=True)
    # Who publishes its handouts is the organiser's to say: the folder asks for it.
    [warning] = loaded.report.diagnostics
    assert warning.message.startswith("no 'imprint': printed handouts must say who publishes")
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    assert "  # imprint: " in text
    with_imprint = text.replace("  # imprint: ", "  imprint: ")
    (folder / "show.yaml").write_text(with_imprint, encoding="utf-8")
    assert load_show(folder, decode_pictures=True).report.diagnostics == []
    assert loaded.show is not None
    codes = languages.split(",")
    assert loaded.show.settings.languages == codes
    assert loaded.show.settings.default_language == codes[0]
    # One slide of each kind, each introduced by a comment; the video slide waits for a clip.
    assert sorted(s.kind for s in loaded.show.slides) == sorted(set(SLIDE_KINDS) - {"video"})
    assert text.count("\n  # ") >= len(SLIDE_KINDS)
    # Only the languages asked for.
    raw = yaml.safe_load(text)
    headline = raw["slides"][0]["headline"]
    assert sorted(headline) == sorted(codes)
    assert (folder / "images" / "student-flower.svg").is_file()


def test_a_copy_of_the_default_show(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    assert cli.main(["init", str(folder), "--from-default"]) == 0
    assert (folder / "show.yaml").read_bytes() == (DEFAULT_CONTENT / "show.yaml").read_bytes()
    assert load_show(folder).report.ok


def test_a_folder_in_use_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert cli.main(["init", str(folder)]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_an_unknown_language_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["init", str(tmp_path / "x"), "--languages", "de,pl"]) == 2
    assert "not in pl" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_figures_are_written_in_quotes(tmp_path: Path) -> None:
    """'1.100+' unquoted is text today, and the number 1.1 once someone deletes the '+'."""
    folder = tmp_path / "event"
    assert cli.main(["init", str(folder)]) == 0
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    assert 'de: "1.100+"' in text and 'en: "1,100+"' in text and '- value: "350+"' in text
    assert "de: 1.100+" not in text


def test_the_new_shows_video_slide_plays_once_its_clip_and_captions_are_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vilnius"
    assert cli.main(["init", str(folder), "--languages", "be,en"]) == 0
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    example = text[text.index("take the # away") :].split("\n", 1)[1]
    taken = "".join(line.replace("# ", "", 1) for line in example.splitlines(True))
    (folder / "show.yaml").write_text(text.replace(example, taken), encoding="utf-8")
    (folder / "clips").mkdir()
    make_clip(folder / "clips" / "statement.mp4")
    for code in ("be", "en"):
        captions = f"WEBVTT\n\n00:00.500 --> 00:01.500\n{code}\n"
        (folder / "clips" / f"statement.{code}.vtt").write_text(captions, encoding="utf-8")
    loaded = load_show(folder, decode_pictures=True)
    assert [d.message for d in loaded.report.diagnostics if d.severity == "error"] == []
    assert loaded.show is not None and loaded.show.slides[-1].kind == "video"
