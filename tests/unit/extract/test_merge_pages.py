"""merge_pages keeps what every page of an article says about how its fields were found: the method of a field
that a later page gave, the lines each page's body lost to its template, the listing rows no page could read."""

from __future__ import annotations

from assoc_crawler.extract import merge_pages
from assoc_crawler.extract.model import PageExtraction

URL = "http://www.xh.org.cn/news/2024/0301/12.html"


def _page(page_no: int, **fields) -> PageExtraction:
    url = URL if page_no == 1 else URL.replace(".html", f"_{page_no}.html")
    return PageExtraction(url=url, canonical_url=url, encoding="utf-8", page_type="article", page_no=page_no,
                          page_urls={1: URL, 2: URL.replace(".html", "_2.html"), 3: URL.replace(".html", "_3.html")},
                          **fields)


def test_a_field_a_later_page_gave_keeps_its_method_and_position():
    merged = merge_pages([
        _page(1, title="协会召开年会", body_text="第一页。", field_methods={"title": "h1", "source": "labelled"},
              source="中国有色金属报"),
        _page(2, body_text="第二页。", author="史明", field_methods={"author": "template-position",
                                                                "author_position": "div.main[1]/p[3]"}),
        _page(3, body_text="第三页。", author="王帆", field_methods={"author": "byline"}),
    ])
    assert (merged.author, merged.source) == ("史明", "中国有色金属报")
    assert merged.field_methods == {"title": "h1", "source": "labelled", "author": "template-position",
                                    "author_position": "div.main[1]/p[3]"}


def test_the_lines_every_page_lost_and_the_rows_no_page_could_read_are_kept():
    notice, reprint = "欢迎会员单位踊跃投稿，投稿邮箱见网站首页。", "转载请注明来源：中国有色金属工业协会网站"
    merged = merge_pages([
        _page(1, body_text="第一页。", field_methods={"body_removed": notice}, unread_rows=2),
        _page(2, body_text="第二页。", field_methods={"body_removed": f"{notice}\n{reprint}"}),
        _page(3, body_text="第三页。", unread_rows=1),
    ])
    assert merged.field_methods["body_removed"].split("\n") == [notice, reprint]
    assert merged.unread_rows == 3
    assert merge_pages([_page(1, body_text="一。"), _page(2, body_text="二。")]).field_methods == {}
