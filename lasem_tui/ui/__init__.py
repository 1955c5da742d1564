"""The Textual interface: screens compose widgets, widgets post messages, the screens
call store commands, and new state flows back down through reactives."""
