"""Import of village recaps and export of the documents; shared by the CLI and the UI.

No Textual here: everything takes a ``Database`` and plain values.
"""
