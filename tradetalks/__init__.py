"""TradeTalks: a sourced, deduplicated dossier of a trade negotiation from Vietnamese news."""

__version__ = "0.1.0"
