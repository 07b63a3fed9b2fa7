"""Sentence splitting (placeholder)."""

from tradetalks.model import Doc, Sentence
from tradetalks.pipeline import stage


@stage(requires={"text"}, provides={"sentences"})
def split_sentences(doc: Doc) -> Doc:
    doc.sentences = [Sentence(0, len(doc.text))]
    return doc
