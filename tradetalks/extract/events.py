"""Events (placeholder)."""

from tradetalks.model import Doc
from tradetalks.pipeline import stage


@stage(requires={"sentences", "mentions", "timexes", "topics"}, provides={"events"})
def extract_events(doc: Doc) -> Doc:
    return doc
