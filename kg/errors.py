"""Every error kg can report, each with a code and a hint (the way out).

Messages live here, in one place, as spaCy keeps ``spacy/errors.py``. Raise them as
``raise IngestError(Errors.K101, path=path)``; the CLI prints one line ``path: reason (K101) hint``.
"""

from __future__ import annotations

import errno
from typing import Any


class Errors:
    # ingest: K1xx
    K100 = "Path does not exist: {path}. | Check the spelling, or pass a folder of .txt, .md, .html or .jsonl files."
    K101 = "No articles found in {path}. | Expected .txt, .md, .html or .jsonl files; pass a folder or files."
    K102 = "Empty file: {path}. | Nothing to extract; remove it or add text."
    K103 = "Binary file, not text: {path}. | Only text articles can be read; remove it from the input."
    K104 = "Not valid UTF-8 (byte {position}): {path}. | Re-encode the file as UTF-8, e.g. iconv -f cp1252 -t utf-8."
    K105 = "Unsupported file type {suffix}: {path}. | Use .txt, .md, .html or .jsonl."
    K106 = "Bad JSON on line {line}: {path} ({detail}). | Each line must be an object with a 'text' field."
    K107 = "No 'text' on line {line}: {path}. | Each line must be an object with a non-empty 'text' string."
    K108 = "Cannot read {path}: {detail}. | Check the file's permissions."
    K109 = "No text left after removing markup: {path}. | The HTML has no readable body text."
    K110 = "No text left after removing Markdown markup: {path}. | Only markup was found; add body text."
    K111 = "Same text as {first}: {path}. | An article is read once; remove one of the copies."
    # warnings about input: the article is kept (K12x)
    K120 = (
        "Lone surrogate(s) in {path}, field '{field}', replaced by U+FFFD. | Mend what wrote the file: JSON text "
        "must be valid Unicode."
    )
    K121 = "Dropped the {field} {value} of {path}: {reason}. | Give an absolute http(s) IRI without format characters."
    # extract: K2xx
    K200 = "spaCy pipeline '{name}' is not installed. | Installed: {installed}. Install one with pip, or pass --model."
    K201 = "spaCy pipeline '{name}' has no named-entity recogniser. | Use a pipeline with an 'ner' component."
    K202 = "Extraction failed: {path}: {detail}. | Report this with the article attached."
    K203 = "Bad patterns file {path}, line {line}: {detail}. | Each line is a JSON object with 'label' and 'pattern'."
    K204 = "Dask is not installed. | pip install 'kg[dask]' to use --scheduler."
    K205 = "Cannot reach the Dask scheduler {address}: {detail}. | Is it running? Or use --scheduler local."
    K206 = (
        "Worker processes died {times} times in a row before finishing any article. | Try --workers 1; from "
        "Python, call kg.build under `if __name__ == '__main__':` (workers import the main module)."
    )
    K207 = (
        "The Dask workers at {address} run other kg extraction code ({theirs}; here {ours}). | Install the same "
        "kg version on the workers as on the client."
    )
    # graph and output: K3xx
    K300 = "Cannot write to {path}: {detail}. | Choose another --out folder, or fix its permissions."
    K301 = "Unknown output format '{fmt}'. | Use one of: {options}."
    K302 = "Cannot read graph {path}: {detail}. | Pass a Turtle, TriG, N-Triples or JSON-LD file written by kg build."
    K303 = "No graph at {path}. | Run 'kg build' first, or pass the graph file."
    K304 = "SHACL shapes not found at {path}. | Reinstall kg, or pass --shapes."
    K305 = "No room left to write {path}: {detail}. | Free some space, then run it again: what was there is intact."
    # keeping the outputs of a build in agreement: K31x
    K310 = "Another kg build or kg remove is writing to {path}. | Wait for it to finish, or use another --out folder."
    K311 = "Cannot build {source} again as it was: {reason}. | Restore it as it was, or run kg build on what you have."
    K312 = "{count} other article(s) of the build would be lost; nothing was removed. | See the lines above."
    K313 = (
        "Cannot finish putting in place the build that was stopped in {path}: {detail}. | Run kg build there as "
        "a user who may write to it (the next build finishes it)."
    )
    K314 = "The store at {path} is damaged: {detail}. | Run kg build again (it makes a new store), or delete {path}."
    K315 = (
        "{path} was held for more than {seconds} s by another process (a build putting its outputs in place, or "
        "a reader opening them). | Try again; if it lasts, look for a stuck kg process."
    )
    # query, store and load: K4xx
    K400 = "SPARQL syntax error at line {line}, column {column}: {detail}. | Check the query near that place."
    K401 = "Query failed: {detail}. | Check the query."
    K402 = (
        "No store at {path}. | Run 'kg build' first, or pass the --out of a build (kg query also reads --graph FILE)."
    )
    K403 = "Loading into {endpoint} failed: HTTP {status} {detail}. | Check the endpoint URL and credentials."
    K404 = "Cannot reach {endpoint}: {detail}. | Is the triple store running and the URL right?"
    K405 = "Article not in the build: {article}. | {manifest} lists the articles; pass an IRI, id or source."
    K406 = "Cannot open or write the store at {path}: {detail}. | Is another kg command or 'kg serve' using it?"
    K407 = "Cannot bind ?{name}: {detail}. | A bound variable must appear in the SELECT clause (or use SELECT *)."
    K408 = "Bad --bind {value!r}. | Write NAME=VALUE, e.g. --bind name='Tony Blair'."
    K409 = "Unknown result format '{fmt}' for a {kind} query. | Use one of: {options}."
    K410 = "Query timed out after {seconds} s. | Narrow the query, add a LIMIT, or raise --timeout."
    K411 = "Not an absolute IRI: {iri!r} ({detail}). | Pass a full IRI, e.g. https://example.org/graph/news."
    K412 = "Not an http(s) URL: {endpoint!r}. | Pass the store's Graph Store (or, with --update, Update) URL."
    K413 = "Cannot listen on {address}: {detail}. | Is the port in use? Pick another with --port."
    K414 = "No query file at {path}. | Check the path (the example queries are in queries/), or pass the query."
    K415 = "No build in {out}: {path} is missing. | Run 'kg build' first, or pass the --out of a build."
    # kg serve refusing what would turn it against its user: K42x
    K420 = (
        "Federated SERVICE calls are refused: this endpoint serves only its own store. | Run the remote part "
        "against its own endpoint, or load its data with 'kg load'."
    )
    K421 = "Query stopped: it used more than {mb} MB of memory. | Narrow the query, add a LIMIT, or raise --memory."
    K422 = "Requests from the web origin {origin} are refused. | Start kg serve with --cors {origin} to allow it."
    K423 = "Unknown Host {host}: this endpoint answers only to its own address. | Use {url}."
    K424 = "Too many connections ({limit}). | Try again shortly, or raise --max-connections."
    K425 = "Every query worker was busy for {seconds} s. | Try again shortly, or start kg serve with more --workers."
    K426 = (
        "Too many connections from {client} ({limit}): each client may hold a share of --max-connections. | Close "
        "some, or raise --max-connections."
    )
    # evaluation: K5xx
    K500 = "Bad gold file {path}: {detail}. | See tests/gold/README.md for the format."


def no_room(exc: BaseException) -> bool:
    """True when ``exc`` says that the disk (a quota, the file size limit) is full, however the library put it."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    text = str(exc).lower()
    return any(s in text for s in ("no space left", "disk is full", "file too large", "quota exceeded"))


def unwritten(exc: BaseException) -> str:
    """The code of a failed write: K305 for a full disk (see :func:`no_room`), else K300."""
    return Errors.K305 if no_room(exc) else Errors.K300


class KgError(Exception):
    """The root of kg's errors. ``code`` is the message's name in :class:`Errors`; ``hint`` the way out."""

    def __init__(self, template: str, /, **fields: Any) -> None:
        from kg.secrets import redact  # no message may carry a credential, whatever a server echoed

        code = next((k for k, v in vars(Errors).items() if v is template), "K000")
        message, _, hint = redact(template.format(**fields)).partition(" | ")
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint
        self.fields = fields

    def __str__(self) -> str:
        return f"{self.message} ({self.code}) {self.hint}".rstrip()

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as made (a worker's error reaches the parent whole)
        return _rebuilt, (type(self), self.code, self.message, self.hint, self.fields)


def _rebuilt(cls: type[KgError], code: str, message: str, hint: str, fields: dict[str, Any]) -> KgError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.code, error.message, error.hint, error.fields = code, message, hint, fields
    return error


class IngestError(KgError):
    """An input that cannot be read as articles."""


class InputWarning(UserWarning):
    """Something in an input was dropped or mended and the article kept; the message is a KgError's."""


class ExtractionError(KgError):
    """The NLP pipeline cannot be loaded or fails on an article."""


class GraphError(KgError):
    """A graph cannot be built, written, read or validated."""


class QueryError(KgError):
    """A SPARQL query, store or remote endpoint failed."""


class EvalError(KgError):
    """A gold file cannot be read."""
