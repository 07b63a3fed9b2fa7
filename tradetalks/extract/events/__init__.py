"""Events of an article: rounds, ministerial sessions, meetings, calls, roundtables, agreements, tariffs.

``extract_events`` is the pipeline stage (``extract``); the event types are declared in ``types``, the cue
flags in ``cue``, and the decisions taken on each cue are the ordered rules of ``rules``.
"""

from tradetalks.extract.events.extract import extract_events

__all__ = ["extract_events"]
