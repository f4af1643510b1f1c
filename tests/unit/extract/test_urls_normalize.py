"""normalize_url where w3lib's canonicalize_url / url_query_cleaner would give another URL (why it stays hand-written)."""

import pytest

from assoc_crawler.extract import normalize_url
from assoc_crawler.extract.urls import names_a_parent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # parameter order is kept (canonicalize_url sorts), the default port dropped (canonicalize_url keeps it)
        ("http://Assoc.TEST:80/a/../b.html?z=1&a=2&utm_source=x#f", "http://assoc.test/b.html?z=1&a=2"),
        # credentials dropped, an explicit non-default port kept, values escaped
        ("http://u:p@h.test:443/x?q=a b&r=中文", "http://h.test:443/x?q=a+b&r=%E4%B8%AD%E6%96%87"),
        # repeated keys kept (url_query_cleaner keeps the first only), blank values written out
        ("https://h.test:443/x?a=1&a=2&b=&c", "https://h.test/x?a=1&a=2&b=&c="),
        # '%2F' in a value decoded (canonicalize_url keeps it encoded)
        ("http://h.test/x?a=%2F+b", "http://h.test/x?a=/+b"),
        # session ids in the path and tracking names of any case dropped (both w3lib functions keep them)
        ("http://h.test/p.php;jsessionid=1?UTM_Source=3&x=1", "http://h.test/p.php?x=1"),
    ],
)
def test_normalize_url_unlike_w3lib(raw, expected):
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(("target", "url", "parent"), [
    ("http://h.test/", "http://h.test/news/12.html", True),  # every page pointed at the home page
    ("http://h.test/news/", "http://h.test/news/12.html", True),  # at its column
    ("http://h.test/index.html", "http://h.test/news/12.html", True),  # at the home page's index file
    ("http://h.test/news/index.html", "http://h.test/news/12.html", True),
    ("http://h.test/news", "http://h.test/news/12.html", True),  # the column without its slash
    ("http://h.test/newsroom", "http://h.test/news/12.html", False),
    ("http://h.test/", "http://h.test/?p=12", True),  # the script a query names pages of
    ("http://h.test/index.php", "http://h.test/index.php?id=5", True),
    ("http://h.test/news/", "http://h.test/news/?page=2", True),  # a list's page 2 is no variant of page 1
    ("http://h.test/news/", "http://h.test/news/index.html", False),  # the directory's own page
    ("http://h.test/a/1.html", "http://h.test/a/1.html?from=list", False),  # a variant of the page
    ("http://h.test/news/13.html", "http://h.test/news/12.html", False),
])
def test_a_canonical_link_to_a_parent_directory_is_no_address_of_the_page(target, url, parent):
    assert names_a_parent(target, url) is parent


def test_an_ipv6_host_keeps_its_brackets():
    from archive.identity import site_name
    from assoc_crawler.extract.urls import same_site

    assert normalize_url("http://[::1]:8080/a/../b.html#x") == "http://[::1]:8080/b.html"
    assert normalize_url("HTTP://[2001:DB8::1]:80/") == "http://[2001:db8::1]/"
    assert normalize_url("item.html?id=3", "http://[::1]:8080/news/") == "http://[::1]:8080/news/item.html?id=3"
    assert site_name("http://[::1]:8080/b.html") == "[::1]" != site_name("http://[::2]:8080/b.html")
    assert same_site("http://[::1]:8080/c.html", "[::1]:8080")
