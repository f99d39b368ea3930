"""sosmed: government social-media publishing from Markdown in git."""

__version__ = "0.1.0"
