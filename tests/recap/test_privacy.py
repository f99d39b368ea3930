"""The recap in Markdown, XLSX and PDF, read back: personal data in titles is masked as on the site."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from sosmed.config.schema import Config
from sosmed.recap.service import make_recap
from tests.recap import ledger_fixture as fx

SECRETS = {"0812-3456-7890": "0812******90", "5371015508900003": "5371********0003",
           "budi.guru@gmail.com": "b***@gmail.com", "Jl. Kenari No. 12": "Jl. ***"}


def test_every_recap_format_masks_personal_data(instance: Config, tmp_path: Path) -> None:
    index = instance.root / "content" / "2020" / "05" / fx.JADWAL / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace('title: "Jadwal layanan kepegawaian | Mei 2020"',
                                  'title: "Jadwal layanan: Ibu Ani 0812-3456-7890, NIK 5371015508900003, '
                                  'budi.guru@gmail.com, Jl. Kenari No. 12"'), encoding="utf-8")
    out = tmp_path / "out"
    make_recap(instance, "2020-05", formats=("md", "xlsx", "pdf"), out=out)
    markdown = (out / "2020-05.md").read_text(encoding="utf-8")
    book = load_workbook(io.BytesIO((out / "2020-05.xlsx").read_bytes()))
    cells = " ".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                     if c.value is not None)
    pdf = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(out / "2020-05.pdf")).pages))
    for name, output in (("md", markdown), ("xlsx", cells), ("pdf", pdf)):
        assert "Ibu Ani" in output, name  # the title is there …
        for secret in SECRETS:
            assert secret not in output, (name, secret)  # … its personal data is not
        assert "disamarkan" in output and "0812" not in output and "5371" not in output, name
