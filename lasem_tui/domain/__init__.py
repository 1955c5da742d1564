"""Pure rules of the desk: no I/O, no database, no Textual, so they test in microseconds."""
