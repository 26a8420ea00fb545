"""kg: offline knowledge graphs from English news."""

__version__ = "0.1.0"
