"""A checked show as plain JSON and back, through a fixed table of the show's own classes.

The checking process (kiosk.content.check_process) answers the kiosk in this form. Reading it
runs no code of the reply's choosing: every value is rebuilt by calling one of the classes
below with values of plain types, and anything else (an unknown tag, class or field, a value
of the wrong kind) is refused with ValueError.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import string
from pathlib import Path, PurePath
from typing import Any

from kiosk.content import model
from kiosk.content.diagnostics import Diagnostic, Report, Severity
from kiosk.content.loaded import LoadedShow
from kiosk.content.minisign_keys import PublicKey
from kiosk.content.signing import Verdict
from kiosk.content.snapshot import Entry
from kiosk.content.value_types import AsOf, AssetPath, ClipPath, LocalFiles, LocalText, LocalUrl
from kiosk.i18n.said import Said

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.Theme,
        model.Settings,
        model.TitleSlide,
        model.StatsRow,
        model.StatsSlide,
        model.FactItem,
        model.FactsSlide,
        model.StorySlide,
        model.QuoteSlide,
        model.CallToActionSlide,
        model.VideoSlide,
        model.Show,
        LoadedShow,
        Report,
        Diagnostic,
        Entry,
        Verdict,
        PublicKey,
    )
}
_TEXTS: dict[str, type[LocalText]] = {
    "LocalText": LocalText,
    "LocalUrl": LocalUrl,
    "LocalFiles": LocalFiles,
}
_ENUMS: dict[str, Any] = {"Severity": Severity}
MAX_BYTES = 256 << 20  # far more than any show's data; a reply larger than this is refused


def dumps(value: Any) -> bytes:
    """value as JSON: plain values, and the classes of the table (TypeError for others)."""
    return json.dumps(_plain(value), allow_nan=False, ensure_ascii=False).encode()


def loads(data: bytes) -> Any:
    """What dumps wrote, rebuilt; ValueError for anything dumps would not have written."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"{len(data):,} bytes is larger than any show's data")
    try:
        tree = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not JSON: {error}") from None
    try:
        return _rebuilt(tree)
    except (TypeError, KeyError, IndexError, OverflowError) as error:
        raise ValueError(f"not a show's data: {error!r}") from None


def _plain(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if kind is tuple:
        return {"tuple": [_plain(item) for item in value]}
    if kind is dict:
        return {"dict": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if kind is Said:
        return {"said": value.template, "values": [[k, _plain(v)] for k, v in value.values]}
    if kind is bytes:
        return {"bytes": value.hex()}
    if isinstance(value, PurePath):
        return {"path": str(value)}
    if kind is datetime.date:
        return {"date": value.isoformat()}
    if kind is AssetPath:
        return {"asset": str(value)}
    if kind is ClipPath:
        return {"clip": str(value)}
    if kind is AsOf:
        return {"as_of": [value.year, value.month, value.day]}
    if kind.__name__ in _TEXTS and _TEXTS[kind.__name__] is kind:
        return {"text": kind.__name__, "universal": value.universal, "by": value.by_language}
    if kind.__name__ in _ENUMS and _ENUMS[kind.__name__] is kind:
        return {"enum": kind.__name__, "value": value.value}
    if _CLASSES.get(kind.__name__) is kind:
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"data": kind.__name__, "fields": fields}
    raise TypeError(f"{kind.__name__} is not a show's data")


def _rebuilt(tree: Any) -> Any:
    if tree is None or type(tree) in (bool, int, float, str):
        return tree
    if type(tree) is list:
        return [_rebuilt(item) for item in tree]
    if type(tree) is not dict or len(tree) not in (1, 2, 3):
        raise ValueError(f"unexpected {type(tree).__name__} in a show's data")
    if "tuple" in tree:
        return tuple(_rebuilt(item) for item in _list(tree["tuple"]))
    if "dict" in tree:
        return {_rebuilt(k): _rebuilt(v) for k, v in (_pair(p) for p in _list(tree["dict"]))}
    if "said" in tree:
        return _said(_str(tree["said"]), _list(tree["values"]))
    if "bytes" in tree:
        return bytes.fromhex(_str(tree["bytes"]))
    if "path" in tree:
        return Path(_str(tree["path"]))
    if "date" in tree:
        return datetime.date.fromisoformat(_str(tree["date"]))
    if "asset" in tree:
        return AssetPath(_str(tree["asset"]))
    if "clip" in tree:
        return ClipPath(_str(tree["clip"]))
    if "as_of" in tree:
        year, month, day = _list(tree["as_of"])
        return AsOf(_int(year), _int(month), None if day is None else _int(day))
    if "text" in tree:
        text = _TEXTS[_str(tree["text"])]
        universal, by_language = tree["universal"], tree["by"]
        if universal is not None:
            return text(_str(universal))
        if type(by_language) is not dict:
            raise ValueError("a text's languages are not a map")
        return text({_str(k): _str(v) for k, v in by_language.items()})
    if "enum" in tree:
        return _ENUMS[_str(tree["enum"])](tree["value"])
    if "data" in tree:
        cls = _CLASSES[_str(tree["data"])]
        fields = tree["fields"]
        if type(fields) is not dict:
            raise ValueError("a class's fields are not a map")
        names = {f.name for f in dataclasses.fields(cls) if f.init}
        unknown = set(fields) - names
        if unknown:
            raise ValueError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
        return cls(**{name: _rebuilt(value) for name, value in fields.items()})
    raise ValueError(f"unknown kind of value {sorted(tree)!r} in a show's data")


def _said(template: str, values: list[Any]) -> Said:
    """A text with its values; its template may name values and nothing else (no attribute,
    index, conversion or format of a value)."""
    pairs = []
    for pair in values:
        name, value = _pair(pair)
        value = _rebuilt(value)
        if type(value) is not str and type(value) is not Said:
            raise ValueError("a said text's value is not text")
        pairs.append((_str(name), value))
    names = {name for name, _ in pairs}
    for _, field, spec, conversion in string.Formatter().parse(template):
        if field is not None and (field not in names or spec or conversion):
            raise ValueError(f"a said text names {field!r}, which it does not have")
    return Said(template, tuple(pairs))


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise ValueError("expected a list")
    return value


def _pair(value: Any) -> tuple[Any, Any]:
    key, item = _list(value)
    return key, item


def _str(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("expected text")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError("expected a whole number")
    return value
