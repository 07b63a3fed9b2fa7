"""Errors a user sees: each names the input and the reason."""

from __future__ import annotations


class TradeTalksError(Exception):
    """Base of the errors that the CLI reports without a traceback."""


class IngestError(TradeTalksError):
    """An input could not be read as an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SkippedInput(IngestError):
    """An input left out on purpose (a link out of the given tree); reported, not a failure."""
