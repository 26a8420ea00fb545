"""The shape of a proper name as news text writes a source: capitalised tokens and dotted domains.

``Trend``, ``Azernews``, ``News.Az``, ``Example.com``, ``AP``, ``The Daily Star``, ``Agence France-Presse``,
``trend.az``. No list of names: only their shape.
"""

from __future__ import annotations

import re

#: One token: a capitalised word (``News.Az`` and ``U.S`` allowed), or a lower-case domain (``trend.az``).
TOKEN = r"(?:[A-Z][\w&'’-]*(?:\.[A-Za-z][\w-]*)*|[a-z][\w-]*(?:\.[a-z][\w-]*)*\.[a-z]{2,})"
#: A name: one to four tokens, joined by single spaces.
NAME = TOKEN + r"(?:[ ]" + TOKEN + r"){0,3}"

_NAME = re.compile(NAME)


def is_name(text: str) -> bool:
    """True when the whole of ``text`` has the shape of a name."""
    return _NAME.fullmatch(text) is not None
