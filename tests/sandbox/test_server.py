"""The sandbox as a whole: credentials, persistence, concurrency, web view, admin endpoints, CLI."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import requests

from sosmed.i18n import catalogue, placeholders
from sosmed.sandbox import start_sandbox
from sosmed.sandbox.seed import DEFAULT_SEED
from tests.sandbox.fixtures import fast_settings
from tests.sandbox.helpers import calls, jpeg, state, x_oauth1

TIMEOUT = 5
REQUIRED = [
    "SOSMED_FACEBOOK_API", "SOSMED_INSTAGRAM_API", "SOSMED_X_API", "SOSMED_YOUTUBE_API", "SOSMED_GOOGLE_OAUTH_API",
    "SOSMED_FACEBOOK_PAGE_ID", "SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_INSTAGRAM_USER_ID", "SOSMED_INSTAGRAM_TOKEN",
    "SOSMED_X_API_KEY", "SOSMED_X_API_SECRET", "SOSMED_X_ACCESS_TOKEN", "SOSMED_X_ACCESS_SECRET", "SOSMED_X_USER_ID",
    "SOSMED_X_BEARER_TOKEN", "SOSMED_YOUTUBE_CLIENT_ID", "SOSMED_YOUTUBE_CLIENT_SECRET",
    "SOSMED_YOUTUBE_REFRESH_TOKEN", "SOSMED_YOUTUBE_CHANNEL_ID",
]


def test_credentials_env_is_complete_and_sourceable(sandbox) -> None:  # noqa: ANN001
    path = sandbox.state_dir / "credentials.env"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(re.fullmatch(r"[A-Z0-9_]+=[^\s'\"$`\\]+", line) for line in lines)
    parsed = dict(line.split("=", 1) for line in lines)
    assert parsed == sandbox.env
    assert set(REQUIRED) <= set(parsed)
    base = sandbox.base_url
    assert parsed["SOSMED_FACEBOOK_API"] == f"{base}/facebook"
    assert parsed["SOSMED_YOUTUBE_API"] == f"{base}/youtube"
    assert parsed["SOSMED_GOOGLE_OAUTH_API"] == f"{base}/google-oauth"
    out = subprocess.run(["bash", "-c", f"set -a; . '{path}'; set +a; env"], capture_output=True, text=True,
                         check=True, env={"PATH": os.environ["PATH"]}).stdout
    env = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    assert all(env[k] == v for k, v in parsed.items())


def test_tokens_differ_between_state_folders(tmp_path: Path) -> None:
    a = start_sandbox(tmp_path / "a")
    b = start_sandbox(tmp_path / "b")
    try:
        assert a.env["SOSMED_FACEBOOK_PAGE_TOKEN"] != b.env["SOSMED_FACEBOOK_PAGE_TOKEN"]
        assert a.env["SOSMED_X_API_SECRET"] != b.env["SOSMED_X_API_SECRET"]
        # a token of one sandbox is refused by the other
        r = requests.post(f"{b.env['SOSMED_X_API']}/2/tweets", json={"text": "x"}, auth=x_oauth1(a), timeout=TIMEOUT)
        assert r.status_code == 401
    finally:
        a.stop()
        b.stop()


def test_state_persists_across_restart(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    first = start_sandbox(folder)
    env = first.env
    r = requests.post(f"{env['SOSMED_FACEBOOK_API']}/v26.0/{env['SOSMED_FACEBOOK_PAGE_ID']}/photos",
                      data={"access_token": env["SOSMED_FACEBOOK_PAGE_TOKEN"], "caption": "Foto"},
                      files={"source": ("a.jpg", jpeg(), "image/jpeg")}, timeout=TIMEOUT)
    photo_id = r.json()["id"]
    requests.post(f"{env['SOSMED_X_API']}/2/tweets", json={"text": "tetap ada"}, auth=x_oauth1(first),
                  timeout=TIMEOUT)
    first.stop()
    second = start_sandbox(folder)
    try:
        assert second.env["SOSMED_X_ACCESS_TOKEN"] == env["SOSMED_X_ACCESS_TOKEN"]
        assert [p["text"] for p in state(second, "x")["posts"]] == ["tetap ada"]
        assert state(second, "facebook")["posts"][0]["text"] == "Foto"
        img = requests.get(f"{second.base_url}/_sandbox/media/facebook/{photo_id}", timeout=TIMEOUT)
        assert img.content == jpeg() or img.content[:2] == b"\xff\xd8"
        # the old credentials still work against the restarted sandbox
        r = requests.post(f"{second.env['SOSMED_X_API']}/2/tweets", json={"text": "setelah mulai ulang"},
                          auth=x_oauth1(second), timeout=TIMEOUT)
        assert r.status_code == 201
    finally:
        second.stop()


def test_concurrent_posts_are_all_recorded(sandbox) -> None:  # noqa: ANN001
    e = sandbox.env
    results: list[int] = []

    def post(i: int) -> None:
        r = requests.post(f"{e['SOSMED_FACEBOOK_API']}/v26.0/{e['SOSMED_FACEBOOK_PAGE_ID']}/feed",
                          data={"message": f"pesan {i}", "access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"]},
                          timeout=TIMEOUT)
        x = requests.post(f"{e['SOSMED_X_API']}/2/tweets", json={"text": f"kicau {i}"}, auth=x_oauth1(sandbox),
                          timeout=TIMEOUT)
        results.extend([r.status_code, x.status_code])

    threads = [threading.Thread(target=post, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200] * 12 + [201] * 12
    fb_posts = state(sandbox, "facebook")["posts"]
    assert sorted(p["text"] for p in fb_posts) == sorted(f"pesan {i}" for i in range(12))
    assert len({p["id"] for p in fb_posts}) == 12
    assert len(state(sandbox, "x")["posts"]) == 12
    assert len(calls(sandbox)) == 24


def test_seed_and_web_view(tmp_path: Path) -> None:
    sb = start_sandbox(tmp_path / "seeded", seed=DEFAULT_SEED, settings=fast_settings())
    try:
        fb = state(sb, "facebook")
        post_id = fb["posts"][0]["id"]
        comment_id = fb["posts"][0]["comments"][0]["id"]
        e = sb.env
        requests.post(f"{e['SOSMED_FACEBOOK_API']}/v26.0/{comment_id}/comments",
                      data={"message": "Pendaftaran dibuka bulan Juni.", "access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"]},
                      timeout=TIMEOUT)
        assert len(state(sb, "x")["mentions"]) == 3
        page = requests.get(f"{sb.base_url}/", timeout=TIMEOUT)
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        html = page.text
        assert f'id="post-{post_id}"' in html and f'id="comment-{comment_id}"' in html
        assert "Warga Contoh Satu" in html and "Pendaftaran dibuka bulan Juni." in html
        assert "balasan admin" in html and "komentar" in html
        assert f'href="#comment-{comment_id}"' in html  # the reply links to the comment it answers
        assert "<script" not in html and "http://" not in html.split("<main>")[0].replace(sb.base_url, "")
        english = requests.get(f"{sb.base_url}/web/facebook?lang=en", timeout=TIMEOUT).text
        assert "admin reply" in english and "comments" in english
        assert requests.get(f"{sb.base_url}/web/tiktok", timeout=TIMEOUT).status_code == 404
    finally:
        sb.stop()


def test_web_view_shows_photos_and_hides_deleted(sandbox) -> None:  # noqa: ANN001
    e = sandbox.env
    api = f"{e['SOSMED_FACEBOOK_API']}/v26.0"
    photo = requests.post(f"{api}/{e['SOSMED_FACEBOOK_PAGE_ID']}/photos",
                          data={"access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"], "caption": "Rapat koordinasi"},
                          files={"source": ("a.jpg", jpeg(), "image/jpeg")}, timeout=TIMEOUT).json()
    gone = requests.post(f"{api}/{e['SOSMED_FACEBOOK_PAGE_ID']}/feed",
                         data={"access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"], "message": "Salah ketik"},
                         timeout=TIMEOUT).json()["id"]
    requests.delete(f"{api}/{gone}", params={"access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"]}, timeout=TIMEOUT)
    html = requests.get(f"{sandbox.base_url}/web/facebook", timeout=TIMEOUT).text
    assert f'src="/_sandbox/media/facebook/{photo["id"]}"' in html
    assert "Rapat koordinasi" in html and "Salah ketik" not in html


def test_unknown_paths_answer_in_platform_shape(sandbox) -> None:  # noqa: ANN001
    e = sandbox.env
    fb = requests.get(f"{e['SOSMED_FACEBOOK_API']}/v26.0/a/b/c", timeout=TIMEOUT)
    assert "error" in fb.json() and fb.status_code == 400
    x = requests.get(f"{e['SOSMED_X_API']}/2/nothing", timeout=TIMEOUT)
    assert x.status_code == 404 and x.json()["type"].endswith("resource-not-found")
    yt = requests.get(f"{e['SOSMED_YOUTUBE_API']}/youtube/v3/nothing", timeout=TIMEOUT)
    assert yt.status_code == 404 and yt.json()["error"]["code"] == 404


def test_admin_comment_on_unknown_post(sandbox) -> None:  # noqa: ANN001
    r = requests.post(f"{sandbox.base_url}/_sandbox/comments", headers=sandbox.admin_headers,
                      json={"platform": "facebook", "post_id": "1_2", "text": "halo"}, timeout=TIMEOUT)
    assert r.status_code == 404
    r = requests.post(f"{sandbox.base_url}/_sandbox/comments", json={"platform": "x", "text": ""},
                      headers=sandbox.admin_headers, timeout=TIMEOUT)
    assert r.status_code == 400


def test_catalogue_languages_match() -> None:
    ids = {k: v for k, v in catalogue("id").items() if k.startswith("sandbox.")}
    ens = {k: v for k, v in catalogue("en").items() if k.startswith("sandbox.")}
    assert ids.keys() == ens.keys() and ids
    assert all(placeholders(ids[k]) == placeholders(ens[k]) for k in ids)


def test_cli_serves_prints_credentials_and_stops(tmp_path: Path) -> None:
    state_dir = tmp_path / "cli-state"
    env = {**os.environ, "SOSMED_LANG": "id", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "sosmed", "sandbox", "--port", "0", "--state", str(state_dir),
                             "--seed", "default"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = []
        for _ in range(60):
            line = proc.stdout.readline()
            lines.append(line)
            if line.startswith("Tekan Ctrl+C"):
                break
        text = "".join(lines)
        url = re.search(r"Sandbox berjalan di (http://127\.0\.0\.1:\d+)", text).group(1)
        assert f"SOSMED_X_API={url}/x" in text
        assert (state_dir / "credentials.env").read_text(encoding="utf-8") in text
        page = requests.get(f"{url}/", timeout=TIMEOUT)
        assert "Warga Contoh Satu" in page.text
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Sandbox berhenti" in out
    assert "Traceback" not in err


def test_cli_bad_seed_file_is_a_clean_error(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "sosmed", "--lang", "en", "sandbox", "--port", "0", "--state",
                           str(tmp_path / "s"), "--seed", str(tmp_path / "missing.yml")],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1
    assert "seed file" in proc.stderr and "Traceback" not in proc.stderr
