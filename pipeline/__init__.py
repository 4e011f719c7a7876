"""German meeting minutes to validated, traceable JSON records."""

__version__ = "0.1.0"
