"""Setting up the meeting (F3), as a package, so that no module of it grows past what
one reads in a sitting.

- ``screen``: the setup screen (layout, the state shown, the meeting's fields and the
  signatories, the dispatch from a list's key or button to its handler, leaving);
- ``people``: the villages, the strategic issues, the reviewers and the delegates;
- ``fit_lists``: the scoring criteria and the OPD ceilings, which fitting to the pagu
  reads;
- ``host``: what those two mixins use of the screen, for the type checker only;
- ``cells``: the column and cell helpers the lists share.

Every list's add, edit, remove and move is a mixin method that builds one store
command and hands it to the screen's ``_command`` or ``_open_dialog``, which write it,
say why when it is refused, and read the state back.
"""
