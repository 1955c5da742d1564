"""The desk's fitting pieces, each standalone: the scoring dialog (``k``), the merge
picker (``g``), the bulk-accept confirmation (``A``) and the fit view (``f``)."""
