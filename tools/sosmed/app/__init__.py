"""Where the application is composed, beside the command line that uses it.

The feature packages below take what they work with as arguments; this package decides
which: the sign-off gate of a run (the forge's verdict when a forge is reachable; a refusal
on the live target, a rehearsal on the sandbox otherwise) in :mod:`.wiring`, and the
whole flow on this machine (``sosmed demo``) in :mod:`.demo`.
"""
