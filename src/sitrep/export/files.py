"""Write an export to stdout or to a file that appears only once it is complete.

    >>> export_events([], "jsonl", None)                 # doctest: +SKIP

A file export goes to a temporary file beside the target, is flushed to disk, then
renamed over the target (``os.replace`` is atomic on POSIX), so a failure half-way (a
full disk, a bad value, Ctrl-C) leaves the previous file as it was, never half of a new one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.export import get_binary_exporter, get_exporter, is_binary
from sitrep.types import Event

__all__ = ["export_events"]


def export_events(events: Iterable[Event], fmt: str, path: Path | None) -> int:
    """Write ``events`` in format ``fmt`` to ``path`` (None: stdout); returns the count."""
    if path is None:
        if is_binary(fmt):
            written = get_binary_exporter(fmt)(events, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return written
        return get_exporter(fmt)(events, sys.stdout)
    target = path.expanduser()
    if target.is_dir():
        raise ConfigError(f"{target}: is a folder; give a file name for the export")
    folder = target.parent if str(target.parent) else Path()
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        if is_binary(fmt):
            with os.fdopen(descriptor, "wb") as binary:
                written = get_binary_exporter(fmt)(events, binary)
                binary.flush()
                os.fsync(binary.fileno())
        else:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as text:
                written = get_exporter(fmt)(events, text)
                text.flush()
                os.fsync(text.fileno())
        Path(temporary).chmod(0o666 & ~_umask())  # mkstemp's 0600 would outlive the rename
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
