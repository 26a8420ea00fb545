"""Paths -> article files: expand folders, keep the supported suffixes, sort, and report what cannot be used.

A file named by the user must have a supported suffix (else K105); inside a folder other files (.json,
hidden files and folders, and a folder's own notes such as README.txt or LICENSE.md) are passed over in
silence, what is not a file (a pipe, a socket, a device, a broken link, a loop of links, a link to a folder)
gets a line (K108), and a folder with no article file at all is K101.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from kg.errors import Errors, IngestError
from kg.ingest.skip import skipped
from kg.model import Skipped

Format = Literal["text", "markdown", "html", "jsonl"]

#: Supported suffixes (compared in lower case) and the reader each one gets.
FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


#: Names (without suffix, any case) of a folder's notes about itself, which are not articles.
NOTES = frozenset({"readme", "license", "licence", "changelog", "changes", "notice", "authors", "contributing"})


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """A file to read: where it is, how to name it to the user, and its format."""

    path: Path
    source: str  # the path as given, joined with the file's path inside a given folder (POSIX separators)
    format: Format


def format_of(path: Path) -> Format | None:
    return FORMATS.get(path.suffix.lower())


def discover(paths: Sequence[str | Path]) -> list[ArticleFile | Skipped]:
    """Every article file under ``paths``, and a :class:`Skipped` for each path that cannot be used.

    The result is sorted by source, and a file reached twice (named, and inside a named folder) appears once.
    """
    found: dict[Path, ArticleFile] = {}
    skips: list[Skipped] = []
    for given in paths:
        for item in _expand(Path(given)):
            if isinstance(item, Skipped):
                skips.append(item)
            else:
                found.setdefault(_identity(item.path), item)
    return sorted([*found.values(), *dict.fromkeys(skips)], key=_order)


def _expand(path: Path) -> Iterable[ArticleFile | Skipped]:
    source = path.as_posix()
    if path.is_dir():
        files = list(_walk(path, PurePosixPath(source)))
        if not any(isinstance(f, ArticleFile) for f in files):
            files.append(skipped(IngestError(Errors.K101, path=source), source))
        return files
    if path.is_file():
        fmt = format_of(path)
        if fmt is None:
            err = IngestError(Errors.K105, suffix=path.suffix or "(none)", path=source)
            return [skipped(err, source)]
        return [ArticleFile(path, source, fmt)]
    if path.exists():  # a device, socket or pipe: never block reading it
        err = IngestError(Errors.K108, path=source, detail="not a regular file")
        return [skipped(err, source)]
    return [skipped(IngestError(Errors.K100, path=source), source)]


def _walk(root: Path, shown: PurePosixPath) -> Iterable[ArticleFile | Skipped]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        for name in sorted(files):
            path = here / name
            fmt = format_of(path)
            if name.startswith("."):
                continue
            source = (shown / path.relative_to(root).as_posix()).as_posix()
            if not path.is_file():  # a pipe, socket or device, a broken link or a loop of links
                yield skipped(IngestError(Errors.K108, path=source, detail=_not_a_file(path)), source)
            elif fmt is not None and path.stem.lower() not in NOTES:
                yield ArticleFile(path, source, fmt)
        for name in dirs:
            if (here / name).is_symlink():  # os.walk does not follow links to folders: say so
                source = (shown / (here / name).relative_to(root).as_posix()).as_posix()
                detail = "a link to a folder (not followed; pass the folder itself)"
                yield skipped(IngestError(Errors.K108, path=source, detail=detail), source)
    for e in errors:
        where = Path(e.filename or root)
        source = (shown / where.relative_to(root).as_posix()).as_posix() if where != root else shown.as_posix()
        yield skipped(IngestError(Errors.K108, path=source, detail=e.strerror or str(e)), source)


def _not_a_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            return "a loop of symbolic links" if exc.errno == errno.ELOOP else "a broken symbolic link"
        return exc.strerror or str(exc)
    for test, what in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device")):
        if test(mode):
            return f"not a regular file ({what})"
    return "not a regular file"


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a symlink loop: treat the path itself as the identity
        return path.absolute()


def _order(item: ArticleFile | Skipped) -> tuple[str, ...]:
    return PurePosixPath(item.source).parts
