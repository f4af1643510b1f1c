"""The JSON item codec (distributed/codec.py): workers send items to the writer through Redis as these messages."""

from __future__ import annotations

import json
from dataclasses import MISSING, fields
from typing import Any

import pytest

from assoc_crawler.distributed.codec import item_from_message, item_to_message
from assoc_crawler.records.items import (
    ITEM_TYPES,
    AliasItem,
    ArticleItem,
    ErrorItem,
    FrontierItem,
    PageItem,
    RecheckItem,
)

URL = "https://www.demo.test/news/20240301/1.html"
GBK_BODY = "<html><meta charset='gbk'><p>协会召开年会</p></html>".encode("gbk")
BINARYISH = bytes(range(256)) + b"\x00\xff{\"$b64\": 1}"


def raw_page(body: bytes, page_no: int = 1) -> dict[str, Any]:
    return {"url": URL, "page_no": page_no, "status": 200, "headers": {"Content-Type": "text/html; charset=gbk"},
            "encoding": "gbk", "body": body}


SAMPLES: list[Any] = [
    ArticleItem(record={
        "url": URL, "site": "demo", "title": "协会召开年会 \u2028 \"引号\" \\ 反斜杠", "page_count": 2,
        "published_at": "2024-03-01T10:00:00+08:00", "author": None, "images": [{"url": URL + ".jpg", "alt": ""}],
        "aliases": [{"url": URL + "?from=rss", "reason": "redirect"}], "etag": '"abc"',
        "raw_pages": [raw_page(GBK_BODY), raw_page(BINARYISH, 2)],
    }, rows_unread=True),
    PageItem(url="https://www.demo.test/news/", site="demo", page_type="list", status=200,
             listings=[{"kind": "hot", "block": 0, "position": 1, "target_url": URL, "title": "热点"}],
             reason=None, raw=raw_page(b""), rows_unread=True),
    PageItem(url="https://www.demo.test/login.html", site="demo", page_type="other", status=None,
             reason="service-url:login"),
    ErrorItem(url=URL, error="http_503", message="HTTP 503", status=503, requested_url=URL + "?moved"),
    ErrorItem(url=URL, error="timeout"),
    AliasItem(url=URL + "?from=rss", article_url=URL, reason="canonical"),
    RecheckItem(url=URL, status=304),
    FrontierItem(discovered=[URL, URL + "?page=2"], done=["https://www.demo.test/"]),
    FrontierItem(),
]


@pytest.mark.parametrize("item", SAMPLES, ids=lambda item: type(item).__name__)
def test_every_item_survives_the_round_trip(item: Any) -> None:
    message = item_to_message(item, run="r-1", worker="w-2")
    assert isinstance(message, bytes)
    decoded, extra = item_from_message(message)
    assert type(decoded) is type(item) and decoded == item
    assert extra == {"run": "r-1", "worker": "w-2"}
    assert item_from_message(message.decode("utf-8"))[0] == item  # a str message too


def test_every_item_type_has_a_sample() -> None:
    assert {type(item).__name__ for item in SAMPLES} == set(ITEM_TYPES)


def test_bodies_stay_bytes_and_text_stays_readable() -> None:
    message = item_to_message(SAMPLES[0])
    decoded, _ = item_from_message(message)
    bodies = [page["body"] for page in decoded.record["raw_pages"]]
    assert bodies == [GBK_BODY, BINARYISH] and all(type(body) is bytes for body in bodies)
    assert "协会召开年会".encode() in message  # not \\u-escaped: messages stay small and legible
    sent = json.loads(message)["item"]["record"]["raw_pages"][0]["body"]
    assert list(sent) == ["$b64"] and isinstance(sent["$b64"], str)


def test_a_bytearray_body_arrives_as_bytes() -> None:
    item = PageItem(url=URL, site="demo", page_type="list", status=200, raw={"body": bytearray(b"<p>x</p>")})
    decoded, _ = item_from_message(item_to_message(item))
    assert decoded.raw == {"body": b"<p>x</p>"} and type(decoded.raw["body"]) is bytes


def test_a_dict_that_only_looks_like_bytes_stays_a_dict() -> None:
    record = {"url": URL, "meta": {"$b64": "AA==", "note": "two keys"}}
    decoded, _ = item_from_message(item_to_message(ArticleItem(record=record)))
    assert decoded.record == record


def test_values_json_cannot_carry_are_refused_when_encoding() -> None:
    with pytest.raises(TypeError, match="set"):
        item_to_message(FrontierItem(discovered={URL}))  # type: ignore[arg-type]


@pytest.mark.parametrize("message", [
    b"", b"not json", b"\xff\xfe\x00", b"[]", b"null", b"3", b'"ArticleItem"', b"{}",
    b'{"item": {"url": "x", "status": 304}}',  # no type
    b'{"type": "RecheckItem"}',  # no item
    b'{"type": "BogusItem", "item": {}}',
    b'{"type": ["RecheckItem"], "item": {}}',
    b'{"type": "RecheckItem", "item": null}',
    b'{"type": "RecheckItem", "item": ["x", 304]}',
    b'{"type": "RecheckItem", "item": {"url": "x"}}',  # a field missing
    b'{"type": "RecheckItem", "item": {"url": "x", "status": 304, "colour": "red"}}',  # an unknown field
    b'{"type": "PageItem", "item": {"url": "x", "site": "s", "page_type": "list", "status": 200, '
    b'"raw": {"body": {"$b64": "not base64!"}}}}',
    b'{"control": "worker_closed", "run": "r", "worker": "w", "reason": "finished"}',  # the writer's control message
], ids=repr)
def test_anything_but_an_item_message_is_a_value_error(message: bytes) -> None:
    with pytest.raises(ValueError, match="not an item message"):
        item_from_message(message)


def test_the_samples_fill_every_field() -> None:
    """Each item class has samples that set every field to something other than its default."""
    for cls in ITEM_TYPES.values():
        samples = [item for item in SAMPLES if type(item) is cls]
        for field in fields(cls):
            default = field.default if field.default is not MISSING else None
            assert any(getattr(item, field.name) and getattr(item, field.name) != default for item in samples), (
                cls.__name__, field.name)


def test_the_sites_state_reaches_the_workers_whole():
    """What the archive knows of a site travels to the workers as it is (the templates' lessons included)."""
    from archive import CrawlState
    from assoc_crawler.distributed.protocol import decode_state, encode_state

    state = CrawlState(article_urls={URL}, page_types={URL + "list/": "list"}, due=[(URL, '"e"', None)],
                       pending=[URL + "?p=2"], stale_pages={URL + "old/"},
                       template_lines={"/{w}/{n}.html": frozenset({"欢迎投稿，联系电话：010-1234"})},
                       field_paths={"div.main>h1": {"author": "div[1]/p[2]"}},
                       article_shapes=frozenset({"/{w}/{n}.html"}), column_shapes=frozenset({"/hyzx/", "/tzgg/"}))
    assert decode_state(encode_state(state, full=True)) == (state, True)
