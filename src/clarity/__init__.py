"""clarity: the three-question clarity test for delegated work."""

__version__ = "0.1.0"
