"""Reading articles from files, directories, feeds and JSON Lines, and storing them in batches."""

from __future__ import annotations

from tradetalks.ingest.files import read_inputs

__all__ = ["read_inputs"]
