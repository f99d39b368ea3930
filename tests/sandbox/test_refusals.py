"""The sandbox refuses what the real APIs refuse, and accepts what their own SDKs send (issue #16)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.sandbox.helpers import jpeg, state, x_bearer, x_oauth1

TIMEOUT = 5


def _graph(sb, platform: str, path: str, method: str = "GET", **params: str) -> requests.Response:  # noqa: ANN001
    e = sb.env
    token = e["SOSMED_FACEBOOK_PAGE_TOKEN"] if platform == "facebook" else e["SOSMED_INSTAGRAM_TOKEN"]
    api = e["SOSMED_FACEBOOK_API"] if platform == "facebook" else e["SOSMED_INSTAGRAM_API"]
    return requests.request(method, f"{api}/v26.0/{path}", params={**params, "access_token": token}, timeout=TIMEOUT)


@pytest.mark.parametrize(("platform", "fields", "node_type"), [
    ("facebook", "id,name,warna_favorit", "Page"),
    ("instagram", "id,username,pengikut_palsu", "IGUser"),
])
def test_unknown_graph_field_is_error_100(sandbox, platform: str, fields: str, node_type: str) -> None:  # noqa: ANN001
    node = sandbox.env["SOSMED_FACEBOOK_PAGE_ID" if platform == "facebook" else "SOSMED_INSTAGRAM_USER_ID"]
    r = _graph(sandbox, platform, node, fields=fields)
    assert r.status_code == 400
    err = r.json()["error"]
    bad = fields.rsplit(",", 1)[-1]
    assert err["code"] == 100 and err["message"] == f"(#100) Tried accessing nonexisting field ({bad}) on node type ({node_type})"
    assert _graph(sandbox, platform, node, fields=fields.rsplit(",", 1)[0]).status_code == 200


def test_unknown_field_of_a_listing_is_error_100(sandbox) -> None:  # noqa: ANN001
    user = sandbox.env["SOSMED_INSTAGRAM_USER_ID"]
    r = _graph(sandbox, "instagram", f"{user}/media", fields="id,comments_count")
    assert r.status_code == 200
    r = _graph(sandbox, "instagram", f"{user}/media", fields="id,caption,jumlah_suka_palsu")
    assert r.json()["error"]["code"] == 100


def test_graph_node_path_with_trailing_slash(sandbox) -> None:  # noqa: ANN001
    page = sandbox.env["SOSMED_FACEBOOK_PAGE_ID"]
    made = _graph(sandbox, "facebook", f"{page}/feed/", "POST", message="Dengan garis miring")
    assert made.status_code == 200, made.text
    read = _graph(sandbox, "facebook", f"{made.json()['id']}/", fields="id,message")
    assert read.json() == {"id": made.json()["id"], "message": "Dengan garis miring"}


def test_carousel_children_as_a_json_array(sandbox, tmp_path) -> None:  # noqa: ANN001
    requests.patch(f"{sandbox.base_url}/_sandbox/settings", json={"ig_processing_seconds": 0},
                   headers=sandbox.admin_headers, timeout=TIMEOUT)
    url = requests.put(f"{sandbox.base_url}/_sandbox/files/foto.jpg", data=jpeg(400, 400),
                       headers=sandbox.admin_headers, timeout=TIMEOUT).json()["url"]
    user = sandbox.env["SOSMED_INSTAGRAM_USER_ID"]
    children = [_graph(sandbox, "instagram", f"{user}/media", "POST", image_url=url,
                       is_carousel_item="true").json()["id"] for _ in range(2)]
    album = _graph(sandbox, "instagram", f"{user}/media", "POST", media_type="CAROUSEL",
                   children=json.dumps(children), caption="Album")
    assert album.status_code == 200, album.text
    published = _graph(sandbox, "instagram", f"{user}/media_publish", "POST", creation_id=album.json()["id"])
    assert published.status_code == 200
    [post] = state(sandbox, "instagram")["posts"]
    assert post["media_type"] == "CAROUSEL_ALBUM" and [m["id"] for m in post["media"]] == children


def test_paging_next_carries_the_access_token(sandbox) -> None:  # noqa: ANN001
    page = sandbox.env["SOSMED_FACEBOOK_PAGE_ID"]
    for i in range(3):
        _graph(sandbox, "facebook", f"{page}/feed", "POST", message=f"Kiriman {i}")
    token = sandbox.env["SOSMED_FACEBOOK_PAGE_TOKEN"]
    # The token in a header, not in the query: the next link still carries it.
    first = requests.get(f"{sandbox.env['SOSMED_FACEBOOK_API']}/v26.0/{page}/feed", params={"limit": "2"},
                         headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT).json()
    nxt = first["paging"]["next"]
    assert parse_qs(urlsplit(nxt).query)["access_token"] == [token]
    second = requests.get(nxt, timeout=TIMEOUT).json()
    assert len(first["data"]) == 2 and len(second["data"]) == 1


def test_x_unknown_query_parameter_is_400(sandbox) -> None:  # noqa: ANN001
    api, user = sandbox.env["SOSMED_X_API"], sandbox.env["SOSMED_X_USER_ID"]
    ok = requests.get(f"{api}/2/users/{user}/mentions", params={"max_results": "5", "tweet.fields": "created_at"},
                      headers=x_bearer(sandbox), timeout=TIMEOUT)
    assert ok.status_code == 200
    r = requests.get(f"{api}/2/users/{user}/mentions", params={"max_results": "5", "sejak": "kemarin"},
                     headers=x_bearer(sandbox), timeout=TIMEOUT)
    assert r.status_code == 400
    body = r.json()
    assert body["title"] == "Invalid Request" and body["errors"][0]["parameters"] == {"sejak": ["kemarin"]}
    assert body["errors"][0]["message"].startswith("The query parameter [sejak] is not one of [")


@pytest.mark.parametrize(("body", "path"), [
    ({"text": "Halo", "warna": "biru"}, "$.warna"),
    ({"text": "Halo", "reply": {"in_reply_to_tweet_id": "1", "sekalian": True}}, "$.reply.sekalian"),
])
def test_x_unknown_body_field_is_400(sandbox, body: dict, path: str) -> None:  # noqa: ANN001
    r = requests.post(f"{sandbox.env['SOSMED_X_API']}/2/tweets", json=body, auth=x_oauth1(sandbox), timeout=TIMEOUT)
    assert r.status_code == 400
    assert r.json()["errors"][0]["message"].startswith(f"{path}: is not defined in the schema")
    assert state(sandbox, "x")["posts"] == []
