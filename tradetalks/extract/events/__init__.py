"""Events of an article (the stage is ``extract.extract_events``)."""

from tradetalks.extract.events.extract import extract_events

__all__ = ["extract_events"]
