"""Citizens' questions: collecting them into Formulir Q&A drafts, routing, printing, overdue list, FAQ.

Modules: ``routing`` (keyword → division), ``formfile`` (writing form files), ``collect``
(``sosmed qna collect``), ``workdays`` and ``overdue`` (``sosmed qna overdue``), ``view``,
``pdf`` and ``html`` (``sosmed qna print``), ``faq`` (the site's FAQ data).
"""
