"""Counts what an SVG asks to be drawn, every <use> expanded, against the time it may take."""

from __future__ import annotations

import re

from kiosk.i18n.said import said

# What an SVG may ask the renderer to draw, counted after every <use> is expanded: about half a
# second to draw on this project's reference machine. A <use> bomb of 2 kB that expands to
# millions of shapes is refused from its counts, without drawing anything.
MAX_SVG_SHAPES = 20_000
MAX_SVG_NUMBERS = 400_000  # coordinates in path data and point lists

_NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class SvgBudget:
    """One SVG's elements as the parser meets them (start, end), then what drawing them costs,
    every <use> expanded, with cycles found."""

    def __init__(self) -> None:
        # Per element: [shapes, numbers, children, ids it uses]
        self.nodes: list[tuple[int, int, list[int], list[str]]] = []
        self.ids: dict[str, list[int]] = {}  # every element of an id: renderers differ
        self.stack: list[int] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        numbers = sum(
            len(_NUMBER.findall(attrs[k].encode())) for k in ("d", "points") if k in attrs
        )
        uses = [
            v[1:]
            for k, v in attrs.items()
            if k.endswith("href") and v.startswith("#") and tag.endswith("use")
        ]
        index = len(self.nodes)
        self.nodes.append((1, numbers, [], uses))
        if self.stack:
            self.nodes[self.stack[-1]][2].append(index)
        self.stack.append(index)
        for key, value in attrs.items():
            # id and xml:id alike (expat names the latter "<XML namespace> id").
            if key == "id" or key.endswith(" id"):
                self.ids.setdefault(value, []).append(index)

    def end(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def problem(self, name: str) -> str | None:
        """Why the SVG named name cannot be drawn in time: the expanded drawing is over budget,
        or a <use> refers to itself; None when it is within budget.

        Walked without recursion, so no nesting depth can exhaust the stack."""
        if not self.nodes:
            return None
        memo: dict[int, tuple[int, int]] = {}
        open_: set[int] = set()  # on the path from the root: a <use> back to one is a cycle
        stack: list[tuple[int, bool]] = [(0, False)]
        while stack:
            index, finished = stack.pop()
            shapes, numbers, children, uses = self.nodes[index]
            # A <use> counts every element of its id: whichever a renderer picks is paid for.
            targets = [*children, *(i for u in uses for i in self.ids.get(u, ()))]
            if finished:
                for target in targets:
                    shapes += memo[target][0]
                    numbers += memo[target][1]
                if shapes > MAX_SVG_SHAPES or numbers > MAX_SVG_NUMBERS:
                    return said(
                        "SVG image '{name}' draws more than {shapes} shapes or {numbers} "
                        "coordinates (counting every <use>): too much to draw in time; simplify "
                        "it or export it as PNG",
                        name=name,
                        shapes=f"{MAX_SVG_SHAPES:,}",
                        numbers=f"{MAX_SVG_NUMBERS:,}",
                    )
                memo[index] = (shapes, numbers)
                open_.discard(index)
                continue
            if index in memo:
                continue
            open_.add(index)
            stack.append((index, True))
            for target in targets:
                if target in open_:
                    return said("SVG image '{name}' has a <use> that refers to itself", name=name)
                if target not in memo:
                    stack.append((target, False))
        return None
