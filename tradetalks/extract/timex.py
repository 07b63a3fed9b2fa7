"""Time expressions (placeholder)."""

from tradetalks.model import Doc
from tradetalks.pipeline import stage


@stage(requires={"key", "sentences"}, provides={"timexes"})
def extract_timexes(doc: Doc) -> Doc:
    return doc
