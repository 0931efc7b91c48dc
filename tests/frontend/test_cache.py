"""Caching a reader can notice: ETag/304, purge, stale-if-error, 503 vs 404."""

from tests.frontend.conftest import ARTICLE_PATH

PURGE = {"Authorization": "Bearer purge-me"}


def test_pages_carry_cache_control_and_an_etag_that_answers_304(client):
    first = client.get(ARTICLE_PATH)
    assert first.status_code == 200
    assert first.headers["cache-control"].startswith("public, max-age=60")
    assert "stale-if-error=3600" in first.headers["cache-control"]
    etag = first.headers["etag"]
    again = client.get(ARTICLE_PATH, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(ARTICLE_PATH, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_api_answers_expire_after_the_ttl(client, cms, clock):
    client.get(ARTICLE_PATH)
    cms.pages[ARTICLE_PATH]["title"] = "A Changed Headline"
    clock.advance(30)
    assert "A Changed Headline" not in client.get(ARTICLE_PATH).text
    clock.advance(31)
    assert "A Changed Headline" in client.get(ARTICLE_PATH).text


def test_purge_needs_the_secret(client):
    assert client.post("/_purge", json={"urls": ["/"]}).status_code == 401
    wrong = client.post("/_purge", json={"urls": ["/"]}, headers={"Authorization": "Bearer no"})
    assert wrong.status_code == 403


def test_purge_rejects_bad_bodies_with_400(client):
    not_json = client.post("/_purge", content=b"{urls", headers=PURGE)
    assert not_json.status_code == 400
    assert "JSON" in not_json.json()["error"]
    not_a_list = client.post("/_purge", json={"urls": "/"}, headers=PURGE)
    assert not_a_list.status_code == 400
    relative = client.post("/_purge", json={"urls": ["world/"]}, headers=PURGE)
    assert relative.status_code == 400


def test_a_purged_url_is_fresh_on_the_next_request_and_others_stay_cached(client, cms, clock):
    client.get(ARTICLE_PATH)
    client.get("/links/")
    cms.pages[ARTICLE_PATH]["title"] = "A Corrected Headline"
    cms.pages["/links/"]["title"] = "Renamed Links"
    clock.advance(1)
    cached = client.get(ARTICLE_PATH)
    assert cached.headers["x-cache"] == "HIT"
    assert "A Corrected Headline" not in cached.text

    purged = client.post(
        "/_purge", json={"urls": [f"http://news.example{ARTICLE_PATH}"]}, headers=PURGE
    )
    assert purged.status_code == 200
    assert purged.json() == {"purged": 1}
    clock.advance(1)
    fresh = client.get(ARTICLE_PATH)
    assert fresh.headers["x-cache"] == "MISS"
    assert "A Corrected Headline" in fresh.text
    untouched = client.get("/links/")
    assert untouched.headers["x-cache"] == "HIT"
    assert "Renamed Links" not in untouched.text


def test_cms_down_serves_the_cached_copy_until_the_stale_limit(client, cms, clock):
    assert client.get(ARTICLE_PATH).status_code == 200
    cms.mode = "down"
    clock.advance(600)  # past the TTL, within FRONTEND_STALE_MAX_AGE (3600)
    stale = client.get(ARTICLE_PATH)
    assert stale.status_code == 200
    assert stale.headers["x-cache"] == "STALE"
    assert "Putin, Erdogan" in stale.text
    clock.advance(3600)  # now older than the limit
    expired = client.get(ARTICLE_PATH)
    assert expired.status_code == 503
    assert "briefly unavailable" in expired.text


def test_cms_answering_5xx_also_serves_the_stale_copy(client, cms, clock):
    client.get("/world/")
    cms.mode = "error"
    clock.advance(120)
    response = client.get("/world/")
    assert response.status_code == 200
    assert "Putin, Erdogan" in response.text


def test_a_page_never_seen_while_the_cms_is_down_is_a_503_not_a_404(client, cms):
    cms.mode = "down"
    response = client.get("/world/")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "30"
    assert response.headers["cache-control"] == "no-store"
    assert "The newsroom is briefly unavailable" in response.text
    assert "Page not found" not in response.text


def test_a_cms_500_for_a_new_page_is_a_503_not_a_404(client, cms):
    cms.mode = "error"
    response = client.get("/some/new/page/")
    assert response.status_code == 503
    cms.mode = "up"
    assert client.get("/some/new/page/").status_code == 404


def test_a_failed_box_leaves_the_page_standing(client, cms):
    cms.markets = None  # the markets endpoint answers JSON null: no box, no crash

    response = client.get("/links/")
    assert response.status_code == 200
    assert "Crude Oil" not in response.text
