"""Generate a synthetic sosmed instance (many posts and Q&A forms) for benchmarks."""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

STRATEGIES = ["listening", "talking", "transparency", "energizing", "supporting", "embracing"]
DIVISIONS = ["sekretariat", "pengadaan", "mutasi", "pengembangan", "kinerja"]
WORDS = (
    "pegawai negeri sipil provinsi layanan kepegawaian informasi jadwal pengumuman sosialisasi "
    "guru sekolah kabupaten kota kupang badan daerah kegiatan pelatihan kenaikan pangkat berkas"
).split()


def make_instance(root: Path, posts: int, forms: int, seed: int = 7) -> Path:
    """Write ``sosmed.yml``, ``posts`` post bundles and ``forms`` Q&A forms under ``root``."""
    rng = random.Random(seed)
    repo_config = Path(__file__).resolve().parent.parent / "sosmed.yml"
    shutil.copy(repo_config, root / "sosmed.yml")
    start = datetime(2020, 5, 1, 8, 0)
    for n in range(posts):
        when = start + timedelta(hours=n * 3)
        folder = root / "content" / f"{when:%Y}" / f"{when:%m}" / f"{when:%Y-%m-%d}-tulisan-{n:05d}"
        folder.mkdir(parents=True)
        body = " ".join(rng.choice(WORDS) for _ in range(120))
        (folder / "index.md").write_text(
            f"""---
title: "Tulisan nomor {n}: {' '.join(rng.choice(WORDS) for _ in range(5))}"
date: {when:%Y-%m-%d %H:%M}
platforms: [facebook, x]
strategy: {rng.choice(STRATEGIES)}
bidang: {rng.choice(DIVISIONS)}
tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]
summary: "{' '.join(rng.choice(WORDS) for _ in range(15))}"
sources:
  - title: "Peraturan Gubernur NTT Nomor 28 Tahun 2019"
    url: https://jdih.nttprov.go.id/
credits:
  author: [Maria Goreti Nona]
x:
  text: "{' '.join(rng.choice(WORDS) for _ in range(12))}"
---

{body}
""",
            encoding="utf-8",
        )
    for n in range(forms):
        when = start + timedelta(hours=n * 5)
        bidang = rng.choice(DIVISIONS)
        folder = root / "qna" / bidang / f"{when:%Y}"
        folder.mkdir(parents=True, exist_ok=True)
        form_id = f"QA-{when:%Y}-{when:%m}-{n + 1:04d}"
        (folder / f"{form_id}.md").write_text(
            f"""---
id: {form_id}
officer: Maria Goreti Nona
bidang: {bidang}
received: {when:%Y-%m-%d %H:%M}
questions:
  - text: "{' '.join(rng.choice(WORDS) for _ in range(14))}?"
    platform: facebook
    comment_id: "{1000 + n}_{2000 + n}"
    asker: warga_{n}
    answer: "{' '.join(rng.choice(WORDS) for _ in range(25))}"
  - text: "{' '.join(rng.choice(WORDS) for _ in range(10))}?"
    platform: whatsapp
    answer: "{' '.join(rng.choice(WORDS) for _ in range(12))}"
public: true
---
""",
            encoding="utf-8",
        )
    return root
