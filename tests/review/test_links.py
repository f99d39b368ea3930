"""Where the PR comment loads each image from: the forge's file route at the pull request's head commit,
on the head repository (a fork's), with the web address from the event or else the forge client."""

from __future__ import annotations

from sosmed.forge.factory import make_forge
from sosmed.review.links import head_links

SHA = "0123456789abcdef0123456789abcdef01234567"
PATH = "content/2020/05/2020-05-12-foto bersama/foto 1.jpg"


def _event(head: str = "bkd-ntt/sosmed", web: str | None = "https://github.com", sha: str = SHA) -> dict:
    def repo(name: str) -> dict:
        return {"full_name": name, **({"html_url": f"{web}/{name}"} if web else {})}

    return {"repository": repo("bkd-ntt/sosmed"),
            "pull_request": {"number": 1, "head": {"sha": sha, "repo": repo(head)}, "base": {"repo": repo("bkd-ntt/sosmed")}}}


def _github(url: str = "https://api.github.com"):
    return make_forge("github", repository="bkd-ntt/sosmed", env={}, url=url, require_token=False)


def _forgejo(url: str = "https://git.bkd-ntt.example.org"):
    return make_forge("forgejo", repository="bkd-ntt/sosmed", env={}, url=url, require_token=False)


def test_github_serves_the_file_at_the_head_commit_of_the_head_repository() -> None:
    links = head_links(_event(), _github(), {})
    assert links is not None
    assert links(PATH) == ("https://github.com/bkd-ntt/sosmed/blob/" + SHA +
                           "/content/2020/05/2020-05-12-foto%20bersama/foto%201.jpg?raw=true")
    fork = head_links(_event(head="warga-contoh/sosmed"), _github(), {})
    assert fork is not None and fork(PATH).startswith(f"https://github.com/warga-contoh/sosmed/blob/{SHA}/")


def test_without_web_addresses_in_the_event_the_forge_client_says_where() -> None:
    links = head_links(_event(web=None), _github(), {})
    assert links is not None and links("a.jpg") == f"https://github.com/bkd-ntt/sosmed/blob/{SHA}/a.jpg?raw=true"
    enterprise = head_links(_event(web=None), _github("https://git.example.go.id/api/v3"), {})
    assert enterprise is not None and enterprise("a.jpg").startswith("https://git.example.go.id/bkd-ntt/sosmed/blob/")
    server = head_links(_event(web=None), _github(), {"GITHUB_SERVER_URL": "https://ghe.example.go.id"})
    assert server is not None and server("a.jpg").startswith("https://ghe.example.go.id/bkd-ntt/sosmed/blob/")


def test_forgejo_serves_blob_or_lfs_content_by_its_media_route() -> None:
    links = head_links(_event(web="https://git.bkd-ntt.example.org/forge"), _forgejo(), {})
    assert links is not None
    assert links("a.jpg") == f"https://git.bkd-ntt.example.org/forge/bkd-ntt/sosmed/media/commit/{SHA}/a.jpg"
    fallback = head_links(_event(web=None), _forgejo("https://git.bkd-ntt.example.org/"), {})
    assert fallback is not None
    assert fallback("a.jpg") == f"https://git.bkd-ntt.example.org/bkd-ntt/sosmed/media/commit/{SHA}/a.jpg"


def test_no_links_without_a_head_commit() -> None:
    assert head_links(_event(sha=""), _github(), {}) is None
    assert head_links(_event(sha="main; rm -rf"), _github(), {}) is None
