"""The public archive website: pages, media copies, feeds and search built from the model.

Only :mod:`sosmed.site.plugin` and :mod:`sosmed.site.build` know MkDocs; every other
module here is plain Python producing Markdown/HTML text and files, so that moving to
another static-site generator means rewriting those two modules only.
"""
