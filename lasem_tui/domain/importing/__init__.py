"""The plain values of an import (the table read, its problems, the preview, the
result), shared by the file readers (``exchange/importing``), the store's commit
(``store/importing.py``) and the screens and the CLI that show them. Pure."""
