"""Lasem desk: run a Musrenbang desk session live in the terminal."""

__version__ = "0.1.0"
