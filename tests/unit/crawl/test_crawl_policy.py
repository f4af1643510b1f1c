"""The spider's rooms on their own: the error taxonomy (crawl/errors.py), the crawl scope and bounds
(crawl/scope.py) and the incremental follow policy (crawl/follow.py)."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.settings import Settings
from twisted.python.failure import Failure

from archive import CrawlState
from assoc_crawler.crawl.errors import failure_error, ignored_kind, is_robots_refusal, looks_binary, response_error
from assoc_crawler.crawl.follow import Link, links_to_follow
from assoc_crawler.crawl.scope import CrawlBounds, SiteScope
from assoc_crawler.extract.model import PageExtraction
from assoc_crawler.profiles import resolve_target
from assoc_crawler.records.writer import Tally

SITE = "http://site.test"
HTML = b"<!DOCTYPE html><html><body><p>text</p></body></html>"


def response(body: bytes = HTML, status: int = 200, content_type: str = "text/html; charset=utf-8") -> Response:
    url = f"{SITE}/news/1.html"
    return Response(url, status=status, body=body, headers={"Content-Type": content_type},
                    request=Request(url, meta={"requested_url": url + "?from=list"}))


# -- errors ----------------------------------------------------------------------------------------------------


def test_responses_that_are_no_page_are_named() -> None:
    assert response_error(response()) is None
    assert response_error(response(content_type="")) is None
    assert response_error(response(HTML, content_type="application/octet-stream")) is None  # it is HTML all the same
    not_found = response_error(response(status=404))
    assert (not_found.error, not_found.status, not_found.requested_url) == ("http_404", 404,
                                                                            f"{SITE}/news/1.html?from=list")
    assert response_error(response(b"%PDF-1.4 ...", content_type="application/pdf")).error == "non_html"
    pdf_as_html = response_error(response(b"%PDF-1.4 ...", content_type="text/html"))
    assert pdf_as_html.error == "non_html" and "binary data served as text/html" in pdf_as_html.message
    assert response_error(response(b"  \n ")).error == "empty"


def test_binary_sniffing() -> None:
    assert looks_binary(b"PK\x03\x04rest") and looks_binary(b"\x1f\x8b\x08") and looks_binary(b"\x00\x01" * 100)
    assert not looks_binary(HTML) and not looks_binary(b"") and not looks_binary("协会".encode("gbk") * 50)
    assert not looks_binary(b"<p>" + b"\x01" * 8 + b"</p>" * 2)  # a few stray control bytes are no file


def test_dropped_requests_are_named_and_robots_refusals_are_no_error() -> None:
    assert ignored_kind(IgnoreRequest("Forbidden by robots.txt")) is None
    assert ignored_kind(IgnoreRequest("max redirections reached")) == "redirect_loop"
    assert ignored_kind(IgnoreRequest("Filtered offsite request")) == "offsite_redirect"
    assert ignored_kind(IgnoreRequest("something else")) == "ignored"
    request = Request(f"{SITE}/private/1.html", meta={"requested_url": f"{SITE}/private/1"})
    robots = Failure(IgnoreRequest("Forbidden by robots.txt"))
    robots.request = request
    assert is_robots_refusal(robots)
    refused = Failure(ConnectionRefusedError("no"))
    refused.request = request
    error = failure_error(refused)
    assert not is_robots_refusal(refused)
    assert (error.url, error.error, error.requested_url) == (request.url, "connection_refused", f"{SITE}/private/1")
    assert error.message.startswith("ConnectionRefusedError: ")


# -- scope and bounds ------------------------------------------------------------------------------------------


def test_scope_keeps_to_the_site_its_pages_and_the_profile() -> None:
    profile = resolve_target(f"{SITE}/")
    profile.allow, profile.deny = [r"/news/"], [r"/news/secret"]
    scope = SiteScope(profile)
    assert scope.rejects(f"{SITE}/news/1.html", False, 2) is None
    assert scope.rejects("http://elsewhere.test/news/1.html", False, 2) == "off_site"
    assert scope.rejects(f"{SITE}/files/report.pdf", False, 2) == "off_site"
    assert scope.rejects(f"{SITE}/news/secret/1.html", True, 2) == "denied"  # even a start URL
    assert scope.rejects(f"{SITE}/about/", False, 2) == "not_allowed"
    assert scope.rejects(f"{SITE}/about/", True, 2) is None  # start URLs, rechecks: the allow list does not apply
    assert scope.rejects(f"{SITE}/news/a/news/a/news/1.html", False, 2) == "repeated_path"
    assert scope.rejects(f"{SITE}/news/1.html?q=" + "x" * 2100, False, 2) == "too_long"  # Scrapy would drop it


def test_bounds_cut_depth_budget_and_barren_shapes() -> None:
    settings = Settings({"DEPTH_LIMIT": 3, "ASSOC_PATTERN_MAX_PAGES": 5, "ASSOC_BARREN_PATTERN_LIMIT": 4})
    bounds = CrawlBounds()
    assert bounds.cut("shape", 3, 10, settings) is None
    assert bounds.cut("shape", 4, 10, settings) == "depth"
    for _ in range(5):
        bounds.count_request("shape")
    assert bounds.scheduled == 5 and bounds.cut("other", 0, 5, settings) == "max_pages"
    assert bounds.cut("shape", 0, 10, settings) == "pattern_max_pages"
    bounds.pattern_fetched["shape"], bounds.pattern_articles["shape"] = 4, 2  # half of them articles
    assert bounds.cut("shape", 0, 10, settings) is None  # the site's article URL: no page limit
    bounds.pattern_fetched["barren"] = 4
    assert bounds.cut("barren", 0, 10, settings) == "barren_pattern"
    bounds.pattern_yield["barren"] = 1  # led to an article once
    assert bounds.cut("barren", 0, 10, settings) is None


def test_a_list_shape_is_not_barren_while_the_pages_it_linked_are_awaited() -> None:
    settings = Settings({"ASSOC_PATTERN_MAX_PAGES": 1000, "ASSOC_BARREN_PATTERN_LIMIT": 4})
    bounds = CrawlBounds()
    bounds.pattern_fetched["/news/list_N.html"] = 4  # four list pages read, none of their articles decided yet
    assert bounds.count_request("/news/N.html", "/news/list_N.html") is True  # awaited for the list shape
    assert bounds.count_request("/news/list_N.html", "/news/list_N.html") is False  # its own shape: not awaited
    assert bounds.cut("/news/list_N.html", 0, 10, settings) is None
    bounds.settle("/news/list_N.html")  # the article came back as something else
    assert bounds.cut("/news/list_N.html", 0, 10, settings) == "barren_pattern"
    bounds.settle("/news/list_N.html")  # never below zero
    assert bounds.pattern_pending["/news/list_N.html"] == 0


def test_a_shape_that_leads_to_an_article_a_page_has_no_page_limit() -> None:
    settings = Settings({"ASSOC_PATTERN_MAX_PAGES": 3, "ASSOC_BARREN_PATTERN_LIMIT": 15})
    bounds = CrawlBounds()
    for _ in range(3):
        bounds.count_request("/list_N_N.html")
    bounds.pattern_fetched["/list_N_N.html"], bounds.pattern_yield["/list_N_N.html"] = 3, 2
    assert bounds.cut("/list_N_N.html", 0, 100, settings) == "pattern_max_pages"  # fewer articles than pages
    bounds.pattern_yield["/list_N_N.html"] = 30  # ten articles a list page: the site's lists
    assert bounds.cut("/list_N_N.html", 0, 100, settings) is None


# -- the follow policy -----------------------------------------------------------------------------------------


def list_page(links: list[str], pager: list[str], next_page: str | None = None) -> PageExtraction:
    return PageExtraction(url=f"{SITE}/news/", canonical_url=f"{SITE}/news/", page_type="list", encoding="utf-8",
                          links=links, pager_links=pager, next_page_url=next_page)


def test_a_first_crawl_follows_every_link_but_known_articles() -> None:
    page = list_page([f"{SITE}/a.html", f"{SITE}/known.html", f"{SITE}/news/list_2.html"],
                     pager=[f"{SITE}/news/list_2.html"])
    stats = Tally()
    links = list(links_to_follow(page, 2, CrawlState(article_urls={f"{SITE}/known.html"}), False, stats,
                                 is_new=lambda url: True))
    assert links == [Link(f"{SITE}/a.html", 3), Link(f"{SITE}/news/list_2.html", 2)]  # the pager keeps the depth
    assert stats["incremental/skipped_known_article"] == 1


def test_a_list_page_links_to_pages_of_its_own_shape_at_its_own_depth() -> None:
    page = PageExtraction(url=f"{SITE}/news/list_3.html", canonical_url=f"{SITE}/news/list_3.html",
                          page_type="list", encoding="utf-8", pager_links=[],
                          links=[f"{SITE}/news/list_17.html", f"{SITE}/news/7.html"])
    links = list(links_to_follow(page, 2, CrawlState(), False, Tally(), is_new=lambda url: True))
    assert links == [Link(f"{SITE}/news/list_17.html", 2), Link(f"{SITE}/news/7.html", 3)]
    page.page_type = "other"  # only a list's own pages are one level
    links = list(links_to_follow(page, 2, CrawlState(), False, Tally(), is_new=lambda url: True))
    assert links[0] == Link(f"{SITE}/news/list_17.html", 3)


def test_a_later_crawl_reads_a_list_only_while_it_holds_something_new() -> None:
    known = CrawlState(article_urls={f"{SITE}/old.html"},
                       page_types={f"{SITE}/about/": "other", f"{SITE}/stale/": "other", f"{SITE}/news/": "list"},
                       stale_pages={f"{SITE}/stale/"})
    pager = [f"{SITE}/news/list_2.html", f"{SITE}/news/list_9.html"]
    others = [f"{SITE}/old.html", f"{SITE}/about/", f"{SITE}/stale/", f"{SITE}/news/"]
    stats = Tally()
    fresh = list_page([f"{SITE}/new.html", *others, *pager], pager, next_page=pager[0])
    assert list(links_to_follow(fresh, 1, known, True, stats, is_new=lambda url: True)) == [
        Link(f"{SITE}/new.html", 2), Link(f"{SITE}/stale/", 2), Link(f"{SITE}/news/", 2),
        Link(pager[0], 1, {"stale_pages": 0})]  # only the next page of the list, not page 9
    assert (stats["incremental/skipped_known_article"], stats["incremental/skipped_known_page"],
            stats["incremental/skipped_pager"]) == (1, 1, 1)
    nothing_new = list_page([*others, *pager], pager, next_page=pager[0])
    assert Link(pager[0], 1, {"stale_pages": 0}) not in list(links_to_follow(nothing_new, 1, known, True, Tally(),
                                                                           is_new=lambda url: True))
    past_known = list(links_to_follow(nothing_new, 1, known, True, Tally(), is_new=lambda url: True,
                                      stale_pages=0, pages_past_known=1))
    assert Link(pager[0], 1, {"stale_pages": 1}) in past_known  # one more page past the known ones
    requested_already = list_page([f"{SITE}/new.html", *pager], pager, next_page=pager[0])
    assert [link.url for link in links_to_follow(requested_already, 1, known, True, Tally(),
                                                 is_new=lambda url: False)] == [f"{SITE}/new.html"]
