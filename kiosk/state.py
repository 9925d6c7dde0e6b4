"""What staff decided and the kiosk remembers across restarts: the stories they hid.

Written by the kiosk itself into its data folder, never read from a content folder.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.durable import write_atomically
from kiosk.settings import data_dir

log = logging.getLogger(__name__)


@dataclass
class KioskState:
    """What staff decided and the kiosk must remember across restarts."""

    hidden_stories: set[str] = field(default_factory=set)
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> KioskState:
        path = path or data_dir() / "state.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            hidden = {str(s) for s in data.get("hidden_stories", [])}
        except FileNotFoundError:
            hidden = set()
        except (OSError, ValueError, AttributeError) as error:
            log.error("cannot read %s (%s); starting with no hidden stories", path, error)
            hidden = set()
        return cls(hidden, path)

    def save(self) -> bool:
        if self.path is None:
            return True  # kept in memory only
        try:
            text = json.dumps({"hidden_stories": sorted(self.hidden_stories)}, indent=2)
            write_atomically(self.path, text + "\n")
            return True
        except OSError as error:
            log.error("cannot save %s: %s", self.path, error)
            return False

    def set_hidden(self, slide_id: str, hidden: bool) -> bool:
        if hidden:
            self.hidden_stories.add(slide_id)
        else:
            self.hidden_stories.discard(slide_id)
        return self.save()
