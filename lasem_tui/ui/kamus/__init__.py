"""The kamus usulan at the desk: the link picker (``K``, ``picker``), the coordinates
(``L``, ``location``) and the marks in the table and the detail (``flags``).

Nothing is imported here: the desk's table needs ``flags`` at its first paint, and the
package's modules are each imported where they are used (the dialogs when first opened).
"""
