"""Names: people, organisations, places, countries (placeholder)."""

from tradetalks.model import Doc
from tradetalks.pipeline import stage


@stage(requires={"key", "sentences"}, provides={"mentions"})
def extract_names(doc: Doc) -> Doc:
    return doc
