"""Data kg derives from installed packages (the gazetteer), kept between runs in the user's cache folder.

Building the gazetteer from GeoNames, pycountry and countryinfo takes over a second; reading it back a fifth of
that. The file's name holds a hash of what it was made from (the packages' versions and kg's code that builds
it), so an upgrade makes a new one. The folder is ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else
``~/.cache/kg``; when it cannot be read or written, the data is built as if there were no cache.
The files are pickles: like any cache folder, it must be writable by its user only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def fingerprint(packages: Iterable[str], sources: Iterable[Path]) -> str:
    """A hash of the packages' versions, the source files' bytes and the Python version."""
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for name in sorted(packages):
        try:
            h.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?\n".encode())
    for path in sources:
        h.update(Path(path).read_bytes())
    return h.hexdigest()[:16]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or what it returned last time for the same ``name`` and ``key``."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return value  # no cache folder: the next run builds it again
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the whole file or none
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    return value


__all__ = ["cache_dir", "cached", "fingerprint"]
