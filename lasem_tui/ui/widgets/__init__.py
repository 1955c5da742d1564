"""Widgets of the desk, one module per area of the screen."""
