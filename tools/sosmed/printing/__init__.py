"""Building blocks for printed documents (PDF): embedded fonts, page setup, signature blocks.

Used by the printable Formulir Q&A (``sosmed qna print``) and the monthly recap PDF.
The public API:

- :func:`sosmed.printing.fonts.add_fonts` registers DejaVu Sans (embedded TTF) on an FPDF;
- :func:`sosmed.printing.document.new_pdf` an A4 document with fonts, footer page numbers
  and an optional diagonal watermark on every page (e.g. ``"BELUM DISETUJUI"``);
- :mod:`sosmed.printing.signature`: :class:`SignatureBlock`, :class:`ElectronicSignoff`,
  :func:`draw_signature_row` (blocks side by side, kept together on one page);
- :mod:`sosmed.printing.dates`: Indonesian/English long dates and zone labels (WITA).
"""
