"""Requests on Redis as JSON (no pickle) and Redis URLs with their passwords hidden."""

from __future__ import annotations

import pickle

import pytest
import scrapy
from scrapy.utils.request import request_from_dict

from assoc_crawler.distributed import requests_json
from assoc_crawler.distributed.protocol import redacted


class _Spider(scrapy.Spider):
    name = "s"

    def parse(self, response):  # noqa: ANN001, ANN201
        return None


def test_a_request_survives_the_round_trip():
    spider = _Spider()
    request = scrapy.Request("http://127.0.0.1:8701/a/1.html?x=铝", callback=spider.parse, priority=3,
                             headers={"If-None-Match": '"v1"'}, body=b"\x00\xff",
                             meta={"pattern": "/a/{n}.html", "link_depth": 2, "redirect_urls": ["http://h/"]})
    message = requests_json.dumps(request.to_dict(spider=spider))
    again = request_from_dict(requests_json.loads(message), spider=spider)
    assert (again.url, again.body, again.priority, again.callback) == (request.url, b"\x00\xff", 3, spider.parse)
    assert again.headers.getlist("If-None-Match") == [b'"v1"'] and again.meta == request.meta


def test_objects_cannot_travel_and_pickles_are_not_loaded():
    spider = _Spider()
    with pytest.raises(TypeError, match="JSON only"):
        requests_json.dumps(scrapy.Request("http://h/", meta={"state": object()}).to_dict(spider=spider))
    with pytest.raises(ValueError):
        requests_json.loads(pickle.dumps({"url": "http://h/"}))
    with pytest.raises(ValueError):
        requests_json.loads(b'["http://h/"]')


@pytest.mark.parametrize(("url", "shown"), [
    ("redis://:pw@10.0.0.1:6379/0", "redis://:***@10.0.0.1:6379/0"),
    ("redis://crawler:pw@10.0.0.1/0", "redis://crawler:***@10.0.0.1/0"),
    ("unix:///run/redis.sock?db=0&password=pw", "unix:///run/redis.sock?db=0&password=***"),
    ("redis://10.0.0.1:6379/0", "redis://10.0.0.1:6379/0"),
])
def test_redis_passwords_are_hidden(url, shown):
    assert redacted(url) == shown


@pytest.mark.parametrize("planted", [
    pickle.dumps({"url": "http://h/"}),
    b'{"url": "http://h/", "_class": "this.s"}',  # would import a module named in Redis
    b'{"url": "http://h/", "callback": "closed"}',  # would call a spider method that is no request callback
    b'{"url": "http://h/", "errback": "load_state"}',
])
def test_the_shared_queue_drops_what_no_crawl_queued(planted, caplog):
    import sys

    from assoc_crawler.distributed.worker import JsonFifoQueue

    queue = JsonFifoQueue(None, _Spider(), "assoc:test:requests")
    before = set(sys.modules)
    assert queue._decode_request(planted) is None
    assert "this" not in set(sys.modules) - before
    assert "not a JSON request of this crawl" in caplog.text
    spider = _Spider()
    good = requests_json.dumps(scrapy.Request("http://h/a.html", callback=spider.parse).to_dict(spider=spider))
    assert JsonFifoQueue(None, spider, "assoc:test:requests")._decode_request(good).url == "http://h/a.html"
