"""Upload benchmark: big videos to YouTube and X, and the HTTP calls per operation, against the sandbox.

The sandbox runs in a separate process, so the peak RSS printed here is the client's
alone (``ru_maxrss`` of this process). Target: ≤ 80 MiB for a 1 GiB upload, because
uploads stream from disk.

    python benchmarks/bench_uploads.py                # 1 GiB
    python benchmarks/bench_uploads.py --size-mib 64  # quicker
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from sosmed.http.streams import ProgressFactory
from sosmed.platforms import MediaFile, Message, get_adapter, make_session

# Runs in the child process: test images, a static file server standing in for the public
# web (Instagram fetches media by URL), and the sandbox itself.
SERVER = r"""
import functools, http.server, sys, threading
from pathlib import Path
from PIL import Image
from sosmed.sandbox import start_sandbox

state, media = Path(sys.argv[1]), Path(sys.argv[2])
for i in range(5):
    img = Image.effect_noise((1080, 1080), 60 + i).convert("RGB")
    img.save(media / f"photo{i}.jpg", quality=85)
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(media))
http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=static.serve_forever, daemon=True).start()
handle = start_sandbox(state)
print(f"READY {handle.base_url} http://127.0.0.1:{static.server_address[1]}", flush=True)
sys.stdin.read()
handle.stop()
static.shutdown()
"""

MP4_HEAD = bytes.fromhex("0000001c667479706d703432000000006d7034316d70343269736f6d")


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_video(path: Path, size: int) -> None:
    """A sparse file that starts like an MP4: no memory and almost no disk to create."""
    with open(path, "wb") as fh:
        fh.write(MP4_HEAD)
        fh.truncate(size)


def read_env(path: Path) -> dict[str, str]:
    """The variables in the sandbox's credentials.env."""
    env = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            env[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    return env


def call_count(base: str, admin: dict[str, str]) -> int:
    """How many API calls the sandbox has logged so far (``admin``: the admin token header)."""
    data = requests.get(f"{base}/_sandbox/calls", headers=admin, timeout=30).json()
    calls = data if isinstance(data, list) else data.get("calls", [])
    return sum(1 for c in calls if not str(c.get("path", "")).startswith("/_sandbox"))


def measure(label: str, base: str, admin: dict[str, str], action) -> tuple[str, float, int, float]:
    """Run ``action``; return its label, wall time, HTTP calls and the peak RSS after it."""
    before = call_count(base, admin)
    start = time.perf_counter()
    action()
    wall = time.perf_counter() - start
    return label, wall, call_count(base, admin) - before, peak_rss_mib()


def _progress(mode: str) -> ProgressFactory | None:
    """The command line's upload progress display, imported only when asked for (it loads every command)."""
    if mode == "off":
        return None
    from sosmed.cli.progress import upload_progress

    return upload_progress(mode)


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=int, default=1024, help="size of the generated video (default 1024)")
    parser.add_argument("--progress", choices=("off", "plain", "rich"), default="off")
    args = parser.parse_args()
    size = args.size_mib * 1024 * 1024

    with tempfile.TemporaryDirectory(prefix="sosmed-bench-") as tmp:
        root = Path(tmp)
        state, media = root / "state", root / "media"
        state.mkdir()
        media.mkdir()
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(state), str(media)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            for line in server.stdout:
                if line.startswith("READY "):
                    base, static = line.split()[1:3]
                    break
            else:
                print("sandbox did not start", file=sys.stderr)
                return 2
            env = {**os.environ, **read_env(state / "credentials.env")}
            admin = {"X-Sandbox-Admin-Token": env["SOSMED_SANDBOX_ADMIN_TOKEN"]}
            session = make_session(progress=_progress(args.progress))
            video = root / "video.mp4"
            make_video(video, size)
            photos = [MediaFile(media / f"photo{i}.jpg", "image", "image/jpeg", f"{static}/photo{i}.jpg",
                                f"Foto kegiatan {i + 1}") for i in range(5)]
            clip = (MediaFile(video, "video", "video/mp4"),)
            youtube = get_adapter("youtube", env, session)
            x = get_adapter("x", env, session)
            facebook = get_adapter("facebook", env, session)
            instagram = get_adapter("instagram", env, session, poll_interval=0.5)
            baseline = peak_rss_mib()
            rows = [
                measure(f"YouTube video {args.size_mib} MiB", base, admin, lambda: youtube.publish(Message(
                    "Benchmark unggahan video", title="Benchmark unggahan", media=clip))),
                measure(f"X video {args.size_mib} MiB", base, admin, lambda: x.publish(Message(
                    "Benchmark unggahan video ke X", media=clip))),
                measure("X post, 4 images", base, admin, lambda: x.publish(Message(
                    "Benchmark empat foto", media=tuple(photos[:4])))),
                measure("Facebook multi-photo, 5 photos", base, admin, lambda: facebook.publish(Message(
                    "Benchmark lima foto", media=tuple(photos)))),
                measure("Instagram carousel of 5", base, admin, lambda: instagram.publish(Message(
                    "Benchmark karusel lima foto", media=tuple(photos)))),
            ]
        finally:
            if server.stdin:
                server.stdin.close()
            server.wait(timeout=30)

    print(f"{'operation':34} {'wall s':>9} {'MiB/s':>8} {'HTTP calls':>11} {'peak RSS MiB':>13}")
    for label, wall, calls, rss in rows:
        rate = f"{args.size_mib / wall:8.1f}" if "MiB" in label else f"{'':8}"
        print(f"{label:34} {wall:9.2f} {rate} {calls:11d} {rss:13.1f}")
    peak = peak_rss_mib()
    print(f"client peak RSS: {peak:.1f} MiB (before the uploads: {baseline:.1f} MiB; target <= 80 MiB: "
          f"{'met' if peak <= 80 else 'NOT met'})")
    return 0 if peak <= 80 else 1


if __name__ == "__main__":
    sys.exit(main())
