"""The whole-text passes for a rate after a tariff word or verb run only in texts with a "%"."""

from __future__ import annotations

from tradetalks.extract.cues import lower_view
from tradetalks.extract.events.mentions import cue_hits
from tradetalks.extract.events.tariffs import rate_re


def test_every_rate_pattern_needs_a_percent_sign() -> None:
    """cue_hits skips both passes in a text without "%": each pattern must end with one."""
    for lead in ("rate_lead", "rate_verb"):
        assert rate_re(lead).pattern.endswith("%"), lead


def test_rate_cue_found_with_a_percent_sign() -> None:
    key = "Hàng thép của nước này sẽ bị áp mức 30% từ tháng sau."
    hits = cue_hits(lower_view(key), key)
    assert [(h.cue, h.label, h.value) for h in hits] == [("bị", "tariff_action", "action")]
