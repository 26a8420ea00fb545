"""How each kind of node looks: colour, shape and the order of the legend.

The palette is Tableau 10 (distinct for most colour-blind readers, calm on white); each kind also has its own
shape, so the view still reads in grey. Shapes are vis-network names that draw the label below the node.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # what the legend, the filters and the panel call it
    color: str
    shape: str  # a vis-network shape with the label outside: dot, square, hexagon, triangle, ...

    @property
    def border(self) -> str:
        """The fill colour darkened by a quarter: the outline and the selected state."""
        rgb = (int(self.color[i : i + 2], 16) for i in (1, 3, 5))
        return "#" + "".join(f"{round(c * 0.72):02x}" for c in rgb)


#: Legend order; a node with several types takes the first kind here that it has (Country before Place).
KINDS: Final = (
    Kind("Person", "#4e79a7", "dot"),
    Kind("Organization", "#f28e2b", "square"),
    Kind("Country", "#59a14f", "hexagon"),
    Kind("City", "#76b7b2", "triangle"),
    Kind("Region", "#edc948", "triangleDown"),
    Kind("Place", "#9c755f", "diamond"),
    Kind("Event", "#e15759", "star"),
    Kind("Date", "#bab0ac", "dot"),
)
KIND_NAMES: Final = tuple(k.name for k in KINDS)
_BY_NAME: Final = {k.name: k for k in KINDS}

#: Communities, most important first (Tableau 10 again); those past the tenth are grey, a node alone lighter.
COMMUNITY_COLORS: Final = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
OTHER_COLOR: Final = "#9aa5b1"
ALONE_COLOR: Final = "#cbd2d9"
CO_COLOR: Final = "#c3cad3"  # co-mention lines: lighter than any typed relation, and dashed
EDGE_COLOR: Final = "#7b8794"
EDGE_HIGHLIGHT: Final = "#3d4b5c"
TEXT_COLOR: Final = "#1f2933"


def kind(name: str) -> Kind:
    return _BY_NAME[name]


def groups() -> dict[str, Any]:
    """vis-network ``groups``: one per kind, so each node carries only its group name, not its colours."""
    return {
        k.name: {
            "shape": k.shape,
            "color": {
                "background": k.color,
                "border": k.border,
                "highlight": {"background": k.color, "border": EDGE_HIGHLIGHT},
                "hover": {"background": k.color, "border": EDGE_HIGHLIGHT},
            },
        }
        for k in KINDS
    }
