"""Which photos and videos each platform receives (one answer for the publisher and the PR report)."""

from __future__ import annotations

from sosmed.compose import media_for
from sosmed.model.post import Post

BASE = {"title": "Uji", "date": "2020-05-12T09:00:00+08:00", "platforms": ["facebook", "instagram", "x", "youtube"],
        "strategy": "talking", "bidang": "mutasi"}


def _post(files: list[str], **extra: object) -> Post:
    return Post.model_validate({**BASE, "media": [{"file": f} for f in files], **extra})


def test_photos_in_order_up_to_each_platforms_limit() -> None:
    post = _post([f"{n}.jpg" for n in range(1, 13)] + ["v.mp4"])
    x = media_for(post, "x")
    assert [m.file for m in x.sent] == ["1.jpg", "2.jpg", "3.jpg", "4.jpg"] and x.kind == "image"
    assert [m.file for m in x.left_out] == [f"{n}.jpg" for n in range(5, 13)] + ["v.mp4"]
    assert [m.file for m in media_for(post, "instagram").sent] == [f"{n}.jpg" for n in range(1, 11)]
    assert [m.file for m in media_for(post, "youtube").sent] == ["v.mp4"]


def test_a_video_alone_goes_everywhere_and_youtube_video_chooses() -> None:
    post = _post(["a.mp4", "clips/b.mp4"], youtube={"video": "clips/b.mp4"})
    assert [m.file for m in media_for(post, "facebook").sent] == ["a.mp4"]
    assert [m.file for m in media_for(post, "youtube").sent] == ["clips/b.mp4"]
    assert media_for(_post([]), "x").kind is None
