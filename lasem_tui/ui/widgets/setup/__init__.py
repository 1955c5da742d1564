"""Widgets of the meeting setup screen."""
