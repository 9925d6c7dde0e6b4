"""The organiser's commands: validate (text and JSON) and schema."""

from __future__ import annotations

import json

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
