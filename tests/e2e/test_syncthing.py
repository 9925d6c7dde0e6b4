"""A fleet as an organiser runs one, with real Syncthing: a laptop and two kiosks on loopback.

Three Syncthing instances (Debian's `syncthing`) run on 127.0.0.1 with static addresses and
nothing else: no global or local discovery, no relays, no NAT traversal, no usage reports;
their devices and folders are written into each one's config.xml before it starts. The
laptop's show folder is Send Only and each kiosk's Receive Only; each kiosk's status folder
is Send Only towards the laptop, whose fleet folder is Receive Only. Two kiosks run offscreen
as their own processes, each with a kiosk.toml that trusts the organisers' key and names its
status folder. The test signs and edits on the laptop as an organiser would and looks at what
each kiosk plays (its log), and at `kiosk fleet` on the laptop.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.content.signing import SecretKey, sign_folder
from tests.e2e.conftest import ROOT, stop, wait_for
from tests.widgets import require_tool

SHOW_ID, FLEET_ID = "release-now-show", "release-now-fleet"
SYNC_S = 90  # a sync on loopback takes seconds; a loaded CI machine, more
# What the laptop sends per second: the large picture of the last version takes seconds to
# arrive, long enough to start the kiosks while it is on its way.
SEND_KBPS = 1500
PICTURE_SLIDE = """\
  - id: picture
    kind: story
    archetype: true
    name: A student
    line: Sentenced for a song
    body: She sang at a march in 2020.
    image: march.png
"""
SHOW = """\
settings:
  languages: [en]
  default_language: en
  slide_duration: 1.5
  manifesto: "https://releasenow.org/manifesto/"
slides:
  - id: opening
    kind: title
    headline: The time for release is NO:W
  - id: again
    kind: title
    headline: Release them all
"""
KEY = SecretKey.generate()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Device:
    """One Syncthing instance: its home (keys and config.xml) and where it listens."""

    name: str
    home: Path
    device_id: str = ""
    port: int = field(default_factory=_free_port)
    gui_port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None

    def generate(self, syncthing: str) -> None:
        done = subprocess.run(
            [syncthing, "generate", "--home", str(self.home), "--no-default-folder"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        found = re.search(r"Device ID: ([A-Z0-9-]{63})", done.stdout + done.stderr)
        assert found, done.stdout + done.stderr
        self.device_id = found.group(1)

    def configure(
        self,
        peers: list[Device],
        folders: list[tuple[str, Path, str, list[Device]]],
        send_kbps: int = 0,
    ) -> None:
        """Devices by static address, the folders with their types; nothing that reaches
        outside this machine. send_kbps limits what it sends (0: no limit), on loopback too."""
        path = self.home / "config.xml"
        tree = ElementTree.parse(path)
        root = tree.getroot()
        options = root.find("options")
        assert options is not None
        settings = {
            "listenAddress": f"tcp://127.0.0.1:{self.port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",
            "startBrowser": "false",
            "crashReportingEnabled": "false",
            "autoUpgradeIntervalH": "0",
            "reconnectionIntervalS": "1",
            "maxSendKbps": str(send_kbps),
            "limitBandwidthInLan": "true" if send_kbps else "false",
        }
        for name, value in settings.items():
            element = options.find(name)
            if element is None:
                element = ElementTree.SubElement(options, name)
            element.text = value
        gui = root.find("gui")
        assert gui is not None
        address = gui.find("address")
        assert address is not None
        address.text = f"127.0.0.1:{self.gui_port}"
        for peer in peers:
            device = ElementTree.SubElement(
                root, "device", id=peer.device_id, name=peer.name, compression="metadata"
            )
            ElementTree.SubElement(device, "address").text = f"tcp://127.0.0.1:{peer.port}"
        for folder_id, folder_path, kind, members in folders:
            folder_path.mkdir(parents=True, exist_ok=True)
            folder = ElementTree.SubElement(
                root,
                "folder",
                id=folder_id,
                label=folder_id,
                path=str(folder_path),
                type=kind,
                rescanIntervalS="2",
                fsWatcherEnabled="true",
                fsWatcherDelayS="1",
            )
            for member in [self, *members]:
                ElementTree.SubElement(folder, "device", id=member.device_id)
            if kind == "receiveonly":
                # A kiosk keeps no conflict copies of its own (docs/deploy.md).
                ElementTree.SubElement(folder, "maxConflicts").text = "0"
        tree.write(path)

    def start(self, syncthing: str, log: Path) -> None:
        env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "HOME": str(self.home)}
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [syncthing, "serve", "--home", str(self.home), "--no-browser", "--no-restart"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )


@dataclass
class Kiosk:
    name: str
    folder: Path  # its own folder: config, data, log
    show: Path  # where Syncthing brings the show
    status: Path  # where it reports
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        for part in ("config", "data", "log"):
            (self.folder / part).mkdir(parents=True, exist_ok=True)
        (self.folder / "config" / "kiosk.toml").write_text(
            f'trusted_keys = ["{KEY.public().line()}"]\n'
            f'name = "{self.name}"\n'
            f'status_folder = "{self.status}"\n',
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_"))}
        env.update(
            QT_QPA_PLATFORM="offscreen",
            KIOSK_CONFIG_DIR=str(self.folder / "config"),
            KIOSK_DATA_DIR=str(self.folder / "data"),
            KIOSK_LOG_DIR=str(self.folder / "log"),
        )
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--windowed", "--content", str(self.show)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def log(self) -> str:
        path = self.folder / "log" / "kiosk.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def switches_to(self, fingerprint: str) -> int:
        """How often the kiosk began playing this version (the player's line, one a switch)."""
        return len(
            re.findall(
                rf"now playing {re.escape(str(self.show))}: .*{fingerprint[:12]}", self.log()
            )
        )


@dataclass
class Fleet:
    laptop: Device
    show: Path  # the organisers' show folder on the laptop
    reports: Path  # where the kiosks' status files arrive on the laptop
    kiosks: list[Kiosk]
    devices: list[Device]


def _fingerprint_of_signed(folder: Path) -> str:
    from kiosk.content import load_show

    loaded = load_show(folder, trusted_keys=(KEY.public(),))
    assert loaded.show is not None, loaded.report.format_text()
    assert loaded.fingerprint
    return loaded.fingerprint


def _sign(folder: Path, comment: str) -> str:
    sign_folder(folder, KEY, comment)
    return _fingerprint_of_signed(folder)


def _read(path: Path) -> bytes:
    """A file as it is now; nothing while a sync tool is putting a new one in its place."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _same_files(a: Path, b: Path) -> bool:
    names = ("show.yaml", "show.manifest", "show.manifest.minisig")
    return all(_read(a / n) and _read(a / n) == _read(b / n) for n in names)


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[Fleet]:
    syncthing = require_tool("syncthing")
    laptop = Device("laptop", tmp_path / "laptop" / "syncthing")
    one = Device("kiosk-1", tmp_path / "kiosk-1" / "syncthing")
    two = Device("kiosk-2", tmp_path / "kiosk-2" / "syncthing")
    devices = [laptop, one, two]
    for device in devices:
        device.generate(syncthing)
    show, reports = tmp_path / "laptop" / "show", tmp_path / "laptop" / "fleet"
    show.mkdir(parents=True)
    (show / "show.yaml").write_text(SHOW, encoding="utf-8")
    kiosks = []
    laptop.configure(
        [one, two],
        [(SHOW_ID, show, "sendonly", [one, two]), (FLEET_ID, reports, "receiveonly", [one, two])],
        send_kbps=SEND_KBPS,
    )
    for device in (one, two):
        base = device.home.parent
        kiosk = Kiosk(device.name, base / "kiosk", base / "show", base / "fleet")
        device.configure(
            [laptop],
            [
                (SHOW_ID, kiosk.show, "receiveonly", [laptop]),
                (FLEET_ID, kiosk.status, "sendonly", [laptop]),
            ],
        )
        kiosks.append(kiosk)
    for device in devices:
        device.start(syncthing, device.home.parent / f"{device.name}-syncthing.log")
    made = Fleet(laptop, show, reports, kiosks, devices)
    try:
        yield made
    finally:
        for kiosk in kiosks:
            if kiosk.process is not None:
                stop(kiosk.process)
        for device in devices:
            if device.process is not None:
                stop(device.process)


def _fleet_table(reports: Path) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "fleet", str(reports), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {k["status"]["name"]: k for k in json.loads(done.stdout)["kiosks"] if k["status"]}


def test_a_signed_show_reaches_every_kiosk_once_and_an_unsigned_edit_none(fleet: Fleet) -> None:
    first = _sign(fleet.show, "signed by the Berlin team, version 1")
    wait_for(lambda: all(_same_files(fleet.show, k.show) for k in fleet.kiosks), SYNC_S)
    for kiosk in fleet.kiosks:
        kiosk.start()
    wait_for(lambda: all("slides) in '" in k.log() for k in fleet.kiosks), 60)

    # Both kiosks report back to the laptop: playing the signed show, by its key.
    def both_playing(fingerprint: str) -> bool:
        table = _fleet_table(fleet.reports) if fleet.reports.exists() else {}
        return len(table) == 2 and all(
            row["state"] == "playing" and row["status"]["playing"]["fingerprint"] == fingerprint  # type: ignore[index]
            for row in table.values()
        )

    wait_for(lambda: both_playing(first), SYNC_S)
    table = _fleet_table(fleet.reports)
    assert {row["status"]["playing"]["signed_by"] for row in table.values()} == {  # type: ignore[index]
        KEY.public().id_text
    }
    assert all(row["flags"] == [] for row in table.values())

    # An edit on the laptop, not signed: it reaches the kiosks, and no screen.
    text = (fleet.show / "show.yaml").read_text(encoding="utf-8")
    (fleet.show / "show.yaml").write_text(text.replace("Release them all", "Not signed"))

    def both_refused() -> bool:
        table = _fleet_table(fleet.reports) if fleet.reports.exists() else {}
        return len(table) == 2 and all(row["state"] == "refused" for row in table.values())

    wait_for(both_refused, SYNC_S)
    for row in _fleet_table(fleet.reports).values():
        assert row["status"]["playing"]["fingerprint"] == first  # type: ignore[index]
    for kiosk in fleet.kiosks:
        assert "Not signed" not in kiosk.log()

    # Signed again: each kiosk takes the new version once.
    second = _sign(fleet.show, "signed by the Berlin team, version 2")
    wait_for(lambda: all(k.switches_to(second) == 1 for k in fleet.kiosks), SYNC_S)
    wait_for(lambda: both_playing(second), SYNC_S)
    time.sleep(3)  # a few more slides: nothing is taken twice
    assert all(k.switches_to(second) == 1 for k in fleet.kiosks)

    # A conflict copy left on each kiosk (an edit there, on a receive-only folder) is named on
    # the laptop.
    for kiosk in fleet.kiosks:
        (kiosk.show / "show.sync-conflict-20261130-120000-ABCDEFG.yaml").write_text(text)

    def conflicts_seen() -> bool:
        table = _fleet_table(fleet.reports)
        return all("conflict" in table.get(k.name, {}).get("flags", []) for k in fleet.kiosks)  # type: ignore[operator]

    wait_for(conflicts_seen, SYNC_S)
    page = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "fleet", str(fleet.reports), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert page.count("conflict copy in its folder") == 2 and "show.sync-conflict-" in page

    # Both kiosks stopped; a new signed version with a large picture; both started again while
    # that picture is still on its way: each plays its last good show, then takes the new
    # version once it has arrived whole.
    for kiosk in fleet.kiosks:
        assert kiosk.process is not None
        stop(kiosk.process)
        (kiosk.show / "show.sync-conflict-20261130-120000-ABCDEFG.yaml").unlink()
    _noise_picture(fleet.show / "march.png")
    (fleet.show / "show.yaml").write_text(text + PICTURE_SLIDE, encoding="utf-8")
    third = _sign(fleet.show, "signed by the Berlin team, version 3")

    def on_its_way(kiosk: Kiosk) -> bool:
        return any(p.name.startswith(".syncthing.") for p in kiosk.show.iterdir())

    wait_for(lambda: all(on_its_way(k) for k in fleet.kiosks), SYNC_S)
    logged = {k.name: len(k.log()) for k in fleet.kiosks}
    for kiosk in fleet.kiosks:
        kiosk.start()
    for kiosk in fleet.kiosks:
        wait_for(lambda k=kiosk: "slides) in '" in k.log()[logged[k.name] :], 60)  # type: ignore[misc]
        restarted = kiosk.log()[logged[kiosk.name] :]
        first_played = restarted[: restarted.index("slides) in '")]
        # Version 2, the last good show, has two slides; version 3, on its way, three. (The
        # version is named only when it was not already the one kept as playing.)
        assert first_played.endswith("(2 "), first_played
        assert third[:12] not in first_played, first_played
    wait_for(lambda: all(k.switches_to(third) == 1 for k in fleet.kiosks), SYNC_S)
    wait_for(lambda: both_playing(third), SYNC_S)

    # A picture swapped on the laptop without signing: refused on both, the signed one plays.
    _noise_picture(fleet.show / "march.png")
    wait_for(both_refused, SYNC_S)
    for row in _fleet_table(fleet.reports).values():
        assert row["status"]["playing"]["fingerprint"] == third  # type: ignore[index]
        assert any("march.png" in reason for reason in row["status"]["refused"]["reasons"])  # type: ignore[index]


def _noise_picture(path: Path) -> None:
    """A picture that no compression makes small: megabytes that take seconds to send."""
    from PIL import Image

    width, height = 1600, 1200
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(path)
