"""Qt runs offscreen in the suite unless a test starts its own X server; no test touches the
kiosk's real configuration, data or log folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Commands speak the environment's language (`validate`); the suite reads English unless a
# test asks for another. A developer's German desktop changes no test.
os.environ["LANGUAGE"] = "en"

# The widget fixtures (the default show, a started window, a QR reader) for every test folder.
pytest_plugins = ["tests.widgets"]


@pytest.fixture(autouse=True)
def own_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test gets empty configuration, data and log folders of its own, and no staff PIN
    from the environment: a developer's kiosk.toml (trusted keys, a PIN) changes no test."""
    root = tmp_path_factory.mktemp("kiosk-home")
    saved = {k: os.environ.get(k) for k in FOLDERS | {"KIOSK_STAFF_PIN"}}
    for name in FOLDERS:
        os.environ[name] = str(root / name.removeprefix("KIOSK_").removesuffix("_DIR").lower())
    os.environ.pop("KIOSK_STAFF_PIN", None)
    yield root
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


FOLDERS = {"KIOSK_CONFIG_DIR", "KIOSK_DATA_DIR", "KIOSK_LOG_DIR"}


@pytest.fixture
def kiosk_config(own_folders: Path) -> Path:
    """The kiosk's configuration folder, empty: a test writes its kiosk.toml there."""
    folder = Path(os.environ["KIOSK_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder
