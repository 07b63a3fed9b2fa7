"""Topics (placeholder)."""

from tradetalks.model import Doc
from tradetalks.pipeline import stage


@stage(requires={"key"}, provides={"topics"})
def tag_topics(doc: Doc) -> Doc:
    return doc
