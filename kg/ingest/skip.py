"""An :class:`~kg.errors.IngestError` -> the :class:`~kg.model.Skipped` the batch reports before going on."""

from __future__ import annotations

from kg.errors import IngestError
from kg.model import Skipped


def skipped(error: IngestError, source: str) -> Skipped:
    """``reason`` is the one-line message and its hint (the way out); ``code`` is ``K1xx``."""
    reason = f"{error.message} {error.hint}".strip()
    return Skipped(source=source, reason=reason, code=error.code)
