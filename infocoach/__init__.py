"""infocoach: an offline coaching companion for informational interviews."""

__version__ = "0.1.0"
