"""The JSON Schema of show.yaml, for completion and checking in an editor."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from kiosk.content.model import Show


def show_schema() -> dict[str, Any]:
    schema = TypeAdapter(Show).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": Show.SCHEMA_TITLE,
        **{key: value for key, value in schema.items() if key != "title"},
    }
