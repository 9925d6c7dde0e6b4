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
    # Staff's switches for every visitor of the event.
    reduced_motion: bool = False
    high_contrast: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> KioskState:
        path = path or data_dir() / "state.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            hidden = {str(s) for s in data.get("hidden_stories", [])}
            access = (data.get("reduced_motion") is True, data.get("high_contrast") is True)
        except FileNotFoundError:
            hidden, access = set(), (False, False)
        except (OSError, ValueError, AttributeError) as error:
            log.error("cannot read %s (%s); starting with no hidden stories", path, error)
            hidden, access = set(), (False, False)
        return cls(hidden, path, *access)

    def save(self) -> bool:
        if self.path is None:
            return True  # kept in memory only
        try:
            data = {
                "hidden_stories": sorted(self.hidden_stories),
                "reduced_motion": self.reduced_motion,
                "high_contrast": self.high_contrast,
            }
            text = json.dumps(data, indent=2)
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

    def set_access(self, reduced_motion: bool, high_contrast: bool) -> bool:
        self.reduced_motion, self.high_contrast = reduced_motion, high_contrast
        return self.save()
