"""The draft of an interview: the answers given so far, kept after each answer in the user
data folder, so that Ctrl-C, Ctrl-D or a closed terminal never loses them. The next
``clarity check`` offers to go on from it; a check that is scored removes it."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from clarity.core.fileio import write_atomic

DRAFT_VERSION = 1
FILE_NAME = "draft.json"
#: Where the draft is kept instead of the user data folder (tests, or several drafts).
ENV_PATH = "CLARITY_DRAFT"


@dataclass(frozen=True)
class Draft:
    """Answers kept from an interview that stopped before its report."""

    answers: dict[str, Any]
    perspective: str
    saved: str

    @property
    def task(self) -> str | None:
        task = self.answers.get("task")
        return task if isinstance(task, str) and task.strip() else None

    def count(self) -> int:
        """How many answers it keeps."""
        symptoms = self.answers.get("symptoms")
        signs = len(symptoms) if isinstance(symptoms, dict) else 0
        return signs + sum(1 for key in self.answers if key not in ("symptoms", "perspective"))


def draft_path() -> Path:
    """``$CLARITY_DRAFT``, else ``draft.json`` in the user data folder (beside the journal)."""
    env = os.environ.get(ENV_PATH)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("clarity") / FILE_NAME


def save_draft(answers: dict[str, Any], perspective: str, path: Path | None = None) -> None:
    """Keep the answers so far, whole or not at all; the file is readable by the user only."""
    path = path or draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    data = {
        "version": DRAFT_VERSION,
        "saved": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "perspective": perspective,
        "answers": answers,
    }
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1), what="the draft")


def load_draft(path: Path | None = None) -> Draft | None:
    """The draft kept, or None when there is none (or it cannot be read: a draft is a
    convenience, never a reason for a check to fail)."""
    path = path or draft_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != DRAFT_VERSION:
        return None
    answers = data.get("answers")
    if not isinstance(answers, dict) or not answers:
        return None
    view = "report" if data.get("perspective") == "report" else "leader"
    return Draft(answers=answers, perspective=view, saved=str(data.get("saved", "")))


def drop_draft(path: Path | None = None) -> None:
    with contextlib.suppress(OSError):
        (path or draft_path()).unlink()
