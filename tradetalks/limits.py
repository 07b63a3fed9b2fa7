"""How much of one article extraction reads: named bounds in one place (a leaf module, imported by the
pipeline and by the stages that cut long input)."""

from __future__ import annotations

#: The most characters of one article that extraction reads. A longer text is stored whole, but its
#: extraction stops at the last sentence end before this many characters and says so in ``Doc.notes``.
#: Measured with bench/hostile_text.py: the slowest hostile family takes about 7 ms per KB, so one
#: article costs at most about 10 s; real news articles are 100 times shorter.
EXTRACTION_LIMIT_CHARS = 1_000_000

#: The longest sentence the splitter makes: a longer run without a sentence end is split at a "; ", ", " or
#: space. The longest sentence of 6,000 VietNews articles and the real-news set has 1,676 characters; rules
#: that read a candidate's whole sentence then cost a bounded amount per candidate.
MAX_SENTENCE_CHARS = 2_000

#: The most events one article may give. Cross-article resolution compares the reports of an article with
#: each other, so a generated text telling thousands of meetings would stall the dossier rebuild; the most
#: events in one article of the real set, the seeds and 800 VietNews articles is 9. Events past the bound
#: are dropped, the first ones kept, and ``Doc.notes`` says so.
MAX_EVENTS_PER_ARTICLE = 100
