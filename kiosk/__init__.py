"""Release N:OW exhibition kiosk."""

# The one place the version is written; pyproject.toml reads it from here (importlib.metadata
# would cost every start about 20 ms).
__version__ = "0.1.0"
