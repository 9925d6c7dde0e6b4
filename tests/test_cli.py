"""The organiser's commands: validate (text and JSON) and schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kiosk import cli
from kiosk.paths import DEFAULT_CONTENT


def test_validate_default_content(capsys: pytest.CaptureFixture[str]) -> None:
    """Valid, with one warning: the default show names no one as publisher of its handouts."""
    assert cli.main(["validate"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "0 errors, 1 warning"
    assert lines[0].endswith(
        "warning: no 'imprint': printed handouts must say who publishes them, with an address "
        "(in Germany the person responsible under press law, V.i.S.d.P.); an organisation's "
        "address can stand in for a private one (docs/content.md, Imprint)"
    )


def test_validate_json(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--json", "no-such-folder"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1 and report["warnings"] == 0
    assert report["diagnostics"][0]["message"] == "folder not found"
    assert report["diagnostics"][0]["severity"] == "error"


BROKEN_SHOW = """\
settings:
  languages: [de, en]
  default_language: de
  manifesto: https://releasenow.org/manifesto/
  imprint: Test stand, Berlin
  colour: red
slides:
  - id: intro
    kind: title
    headline: {de: Jetzt, en: Now}
    duration: many
"""


@pytest.mark.parametrize(
    ("asked", "environment", "expected"),
    [
        (["--lang", "de"], "C.UTF-8", "Fehler: unbekannter Schlüssel 'colour' (settings)"),
        ([], "de_DE.UTF-8", "Fehler: unbekannter Schlüssel 'colour' (settings)"),
        (["--lang", "ru"], "de_DE.UTF-8", "ошибка: неизвестный ключ 'colour' (settings)"),
        ([], "C.UTF-8", "error: unknown key 'colour' in settings"),
    ],
)
def test_validate_speaks_the_language_asked_or_the_environment_s(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    asked: list[str],
    environment: str,
    expected: str,
) -> None:
    """An organiser reads the check in the language of their desktop, or the one asked for;
    the file, its line and the values stay as written."""
    (tmp_path / "show.yaml").write_text(BROKEN_SHOW, encoding="utf-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", environment)
    assert cli.main(["validate", "--skip-layout", *asked, str(tmp_path)]) == 2
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.endswith(expected) and ":6:3: " in line for line in lines), lines
    if expected.startswith("Fehler"):
        assert (
            "Fehler: 'duration' (Folie 'intro') muss eine Zahl sein, erhalten: 'many'" in lines[1]
        )
        assert lines[-1] == "2 Fehler, 0 Warnungen"


@pytest.mark.parametrize(
    ("show", "german"),
    [
        # YAML's syntax, with the line it names and the organiser's own words kept.
        (
            "settings:\n\tlanguages: [de]\n",
            "Fehler: Tabulator in der Einrückung; nur mit Leerzeichen einrücken",
        ),
        # A picture the show names that is not there, with the one meant.
        (
            BROKEN_SHOW.replace("  colour: red\n", "").replace(
                "    kind: title\n    headline: {de: Jetzt, en: Now}\n    duration: many\n",
                "    kind: story\n    archetype: true\n    name: Eine Studentin\n"
                "    line: Acht Jahre\n    body: Verurteilt.\n    image: images/Photo.png\n",
            ),
            "Fehler: Datei 'images/Photo.png' nicht gefunden (gemeint ist wohl 'images/photo.png')",
        ),
        # A link a QR code must not carry.
        (
            BROKEN_SHOW.replace("  colour: red\n", "")
            .replace("    duration: many\n", "")
            .replace("https://releasenow.org/manifesto/", "ftp://releasenow.org/"),
            "Fehler: der Link muss mit https:// beginnen (er hat 'ftp:'): 'ftp://releasenow.org/'",
        ),
    ],
)
def test_validate_says_yaml_picture_and_link_problems_in_german(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], show: str, german: str
) -> None:
    (tmp_path / "show.yaml").write_text(show, encoding="utf-8")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.png").write_bytes(b"")
    assert cli.main(["validate", "--skip-layout", "--lang", "de", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert german in out, out


def test_validate_json_keeps_english_for_scripts_beside_the_reader_s_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "show.yaml").write_text(BROKEN_SHOW, encoding="utf-8")
    assert cli.main(["validate", "--skip-layout", "--json", "--lang", "be", str(tmp_path)]) == 2
    report = json.loads(capsys.readouterr().out)
    first = report["diagnostics"][0]
    assert report["language"] == "be"
    assert first["message"] == "unknown key 'colour' in settings"
    assert first["text"].endswith("памылка: невядомы ключ 'colour' (settings)")


def test_schema_accepts_the_default_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    show = yaml.safe_load((DEFAULT_CONTENT / "show.yaml").read_text(encoding="utf-8"))
    # YAML reads dates as date objects; JSON Schema speaks of strings.
    jsonschema.validate(json.loads(json.dumps(show, default=str)), schema)


def test_schema_rejects_a_misspelt_key(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["schema"])
    schema = json.loads(capsys.readouterr().out)
    show = {
        "settings": {"languages": ["de"], "default_language": "de", "manifesto": "https://x.org"},
        "slides": [{"id": "a", "kind": "title", "headline": "Hallo", "durration": 3}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(show, schema)
