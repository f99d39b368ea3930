"""The recap with its engagement section on the public site: committed, signed, built by MkDocs in strict mode."""

from __future__ import annotations

import shutil
from pathlib import Path

from sosmed.config.schema import Config
from sosmed.recap.service import make_recap
from tests.site.helpers import build, copy_instance, page

POST = "2020/06/2020-06-12-video-mengenal-layanan-kepegawaian"


def test_site_page_shows_the_engagement_and_serves_its_charts(instance: Config, tmp_path: Path) -> None:
    made = make_recap(instance, "2020-06", out=tmp_path / "recap")
    root = copy_instance(tmp_path / "site-instance", posts=(POST,))
    shutil.rmtree(root / "recaps", ignore_errors=True)
    shutil.copytree(tmp_path / "recap", root / "recaps")

    site = build(root).out  # strict: any MkDocs warning (a broken chart link among them) fails the build
    html = page(site, "rekap/2020-06/")
    section = html[html.index("Keterlibatan (engagement)"):]
    assert "<td>Facebook</td>" in section and ">4.020<" in section and ">-36,9%<" in section
    assert "tidak dilaporkan platform ini" in section and "Unggahan teratas" in section
    assert "Keterlibatan per strategi" in section and "Keterlibatan per bidang" in section
    for name in ("engagement", "engagement_strategy"):
        assert f'src="{name}.svg"' in section
        served = (site / "rekap" / "2020-06" / f"{name}.svg").read_bytes()
        assert served == (tmp_path / "recap" / "2020-06" / f"{name}.svg").read_bytes()
    assert made.recap.engagement is not None and made.recap.engagement.as_of is not None
