"""The model a task ahead: with one worker on a machine of two cores or more, a child process runs spaCy over
the next tasks' texts while this process extracts the facts of the last one.

The rules read the parse the model made and cost about a fifth of its time; beside it, on the second core, they
cost the build's wall clock almost nothing. The child is a fork of this process made once the pipeline is loaded
(it starts at once, holding the same model and its pages), it parses exactly the batches this process would
(the output is byte-identical either way), and it sends each task back as serialized Docs, which cost a fiftieth of
the parse (:mod:`kg.forked`). A task it cannot parse, or its death, fails that task's take
(:class:`ParseError`): the runner parses it here instead, one article at a time if need be.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
from collections.abc import Sequence
from multiprocessing.process import BaseProcess
from types import TracebackType

from spacy.language import Language
from spacy.tokens import Doc

from kg import forked

__all__ = ["Ahead", "ParseError", "usable"]

#: Seconds between two looks at whether the other process is still there.
_LOOK = 0.5


class ParseError(RuntimeError):
    """The child did not parse a task: its error, or its death."""


def usable(tasks: int) -> bool:
    """Whether ``tasks`` tasks are parsed ahead: more than one, and a second core to parse them on."""
    return tasks > 1 and forked.usable()


class Ahead:
    """A child process parsing the texts given to :meth:`submit`, in order; :meth:`take` gives each submission's
    Docs back (on this process's vocabulary), in the same order."""

    def __init__(self, nlp: Language, batch_size: int) -> None:
        ctx = forked.context()
        self._nlp = nlp
        self._todo: multiprocessing.Queue[list[str] | None] = ctx.Queue()
        self._done: multiprocessing.Queue[list[bytes] | str] = ctx.Queue()
        args = (nlp, batch_size, self._todo, self._done, os.getpid())
        self._child: BaseProcess = ctx.Process(target=_serve, args=args, name="kg-model", daemon=True)
        self._child.start()
        self.dead = False

    def submit(self, texts: Sequence[str]) -> None:
        self._todo.put(list(texts))

    def take(self) -> list[Doc]:
        """The Docs of the oldest submission not yet taken; ParseError if the child failed it or died."""
        while True:
            try:
                payload = self._done.get(timeout=_LOOK)
                break
            except queue.Empty:
                if not self._child.is_alive():
                    self.dead = True
                    raise ParseError(f"the model's process died (exit code {self._child.exitcode})") from None
        if isinstance(payload, str):
            raise ParseError(payload)
        vocab = self._nlp.vocab
        return [Doc(vocab).from_bytes(data) for data in payload]

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._todo.put(None)
        self._child.join(timeout=2 * _LOOK)
        if self._child.is_alive():  # still parsing what nobody will take
            self._child.kill()
            self._child.join()
        for q in (self._todo, self._done):
            q.close()
            q.cancel_join_thread()  # what is left in them is not wanted

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _serve(
    nlp: Language,
    batch_size: int,
    todo: multiprocessing.Queue[list[str] | None],
    done: multiprocessing.Queue[list[bytes] | str],
    parent: int,
) -> None:
    """The child: parse each list of texts and send its Docs back (or the error), until None or the parent goes."""
    forked.die_with_parent()
    while True:
        try:
            texts = todo.get(timeout=_LOOK)
        except queue.Empty:
            if os.getppid() != parent:
                return
            continue
        if texts is None:
            return
        try:
            docs = [doc.to_bytes(exclude=["tensor"]) for doc in nlp.pipe(texts, batch_size=batch_size)]
        except Exception as exc:  # noqa: BLE001  the parent parses this task itself
            done.put(f"{type(exc).__name__}: {exc}")
        else:
            done.put(docs)
