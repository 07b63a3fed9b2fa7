"""Which events without a negotiation key belong to a negotiation anyway (``resources/talks_scope.tsv``): a leaf
module read by the stored-row queries and by the in-memory views alike, so both select the same events."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

RESOURCE = "talks_scope.tsv"
SIDES = ("VN", "US", "other")
#: The side a "topic" event must not name: a third country.
THIRD_SIDE = "other"


class TalksScopeError(ValueError):
    """The scope file is malformed (the message names the file and line)."""


@dataclass(frozen=True, slots=True)
class TalksScope:
    """Rule talks_related for one negotiation: the side pairs and the topics that tie a keyless event to it."""

    pairs: tuple[tuple[str, str], ...]
    topics: tuple[str, ...]

    def takes(self, sides: set[str], topics: set[str]) -> bool:
        """Rule talks_related, for an event in which one of the talks' people takes part: it names both sides of
        a pair, or it reports one of the talks' topics and names no third side.

        >>> scope = TalksScope((("VN", "US"),), ("tariffs",))
        >>> scope.takes({"VN", "US"}, {"investment"}), scope.takes({"VN"}, {"tariffs"})
        (True, True)
        >>> scope.takes({"VN", "other"}, {"tariffs"}), scope.takes({"VN"}, {"investment"})
        (False, False)
        """
        if any(a in sides and b in sides for a, b in self.pairs):
            return True
        return THIRD_SIDE not in sides and bool(topics & set(self.topics))


def _topic_names() -> set[str]:
    text = resources.files("tradetalks.resources").joinpath("topics.tsv").read_text(encoding="utf-8")
    return {line.split("\t")[0].strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def parse_scopes(text: str, name: str = RESOURCE) -> dict[str, TalksScope]:
    """The scopes of a talks_scope file's text; TalksScopeError naming the file and line for a bad row."""
    known = _topic_names()
    pairs: dict[str, list[tuple[str, str]]] = {}
    topics: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{name} line {number}"
        if len(cells) != 3 or not all(cells):
            raise TalksScopeError(f"{where}: expected negotiation<TAB>kind<TAB>value, got {line!r}")
        key, kind, value = cells
        pairs.setdefault(key, [])
        topics.setdefault(key, [])
        if kind == "pair":
            sides = value.split("+")
            if len(sides) != 2 or any(s not in SIDES for s in sides) or sides[0] == sides[1]:
                raise TalksScopeError(f"{where}: a pair is two different sides of {SIDES} joined by '+', not {value!r}")
            pairs[key].append((sides[0], sides[1]))
        elif kind == "topic":
            if value not in known:
                raise TalksScopeError(f"{where}: {value!r} is not a topic of topics.tsv")
            topics[key].append(value)
        else:
            raise TalksScopeError(f"{where}: kind must be 'pair' or 'topic', not {kind!r}")
    return {k: TalksScope(tuple(pairs[k]), tuple(topics[k])) for k in pairs}


@cache
def talks_scopes() -> dict[str, TalksScope]:
    """Every negotiation's scope from the resource file (read and checked once)."""
    return parse_scopes(resources.files("tradetalks.resources").joinpath(RESOURCE).read_text(encoding="utf-8"))


def talks_scope(key: str) -> TalksScope:
    """The scope of a negotiation (none: no keyless event belongs to it)."""
    return talks_scopes().get(key, TalksScope((), ()))
