"""Fields from the template (extract/template_fields.py): where a site prints its byline, source and editor,
learned from the pages where the page's rules found them and read on the pages where they did not."""

from __future__ import annotations

from assoc_crawler.demo.family_site import build_site
from assoc_crawler.extract import ExtractionHints, extract_page
from assoc_crawler.extract.template_fields import field_at, learn_field_paths, locate_fields, page_root, read_field

INFO = '<div class="info"><span>来源：中国有色金属报</span> <span>作者：王燕平</span></div>'


def test_a_field_is_read_only_from_a_line_that_reads_as_it():
    assert read_field("作者：王燕平 来源：中国有色金属报", "author") == "王燕平"
    assert read_field("作者：王燕平 来源：中国有色金属报", "source") == "中国有色金属报"
    assert read_field("文/郭晓东 吴静", "author") == "郭晓东 吴静"
    assert read_field("协会召开年会，来自全国的代表出席了会议。", "author") is None
    assert read_field("文/郭晓东", "source") is None


def test_positions_are_learned_where_the_pages_agree():
    root = page_root(f"<html><body><div class='art'><h1>标题</h1>{INFO}<p>正文</p></div></body></html>".encode())
    positions = locate_fields(root, {"author": "王燕平", "source": "中国有色金属报", "editor": None})
    assert positions == {"author": "div.art[1]/div.info[1]/span[2]", "source": "div.art[1]/div.info[1]/span[1]"}
    assert field_at(root, positions["author"], "author") == "王燕平"
    assert field_at(root, "div.art[1]/p[9]", "author") is None
    odd = ("div.art", {"author": "div.art[1]/p[1]"})
    assert learn_field_paths([("div.art", positions)] * 9 + [odd]) == {"div.art": positions}
    learned = learn_field_paths([("div.art", positions)] * 4 + [odd])
    assert learned == {"div.art": {"source": positions["source"]}}  # 4 of 5 pages agree on the author: not 90%
    assert learn_field_paths([("div.art", positions)] * 3) == {}  # three pages say too little


def test_a_byline_the_page_rules_miss_is_read_where_the_template_prints_it():
    # a site (generated, seed 19) whose attachment-only notices print their byline under the headline, where the
    # page's own rules do not find it, while they do on the site's other articles
    site = build_site(19, "127.0.0.1:9")
    observations, missed = [], []
    for url, (body, headers) in site.pages.items():
        page = site.truth[url]
        if not page.is_article:
            continue
        got = extract_page(body, url, headers)
        values = {"author": got.author, "source": got.source, "editor": got.editor}
        observations.append((got.template, locate_fields(page_root(body, headers), values)))
        if page.author and not got.author:
            missed.append((url, body, headers, page.author))
    assert missed
    hints = ExtractionHints(field_paths=learn_field_paths(observations))
    for url, body, headers, author in missed:
        again = extract_page(body, url, headers, hints)
        assert (again.author, again.field_methods["author"]) == (author, "template-position")


def test_placeholders_and_sentences_are_no_field():
    assert read_field("作者：佚名", "author") is None
    assert read_field("来源：本站", "source") is None
    assert read_field("记者从协会获悉", "author") is None
    assert read_field("来源：中国新闻网 王帆", "source") == "中国新闻网"  # cut as the page's rules cut it


def test_a_value_printed_twice_is_placed_at_its_first_line():
    root = page_root(("<html><body><div class='art'><h1>标题</h1>" + INFO + "<div class='text'><p>正文一。</p>"
                      "<p>作者：王燕平</p></div></div></body></html>").encode())
    assert locate_fields(root, {"author": "王燕平"}) == {"author": "div.art[1]/div.info[1]/span[2]"}


def test_a_template_position_does_not_overrule_a_placeholder():
    page = ("<html><head><title>年会召开</title></head><body><div class='art'><h1>年会召开</h1>"
            "<div class='info'><span>作者：佚名</span><span>发布时间：2024-03-01</span></div>"
            "<div class='text'><p>协会年会在北京召开，来自全国的会员单位代表出席会议，会议审议了年度工作报告。</p>"
            "<p>会议还表彰了先进单位和个人，并对明年的工作做出了部署和安排，与会代表进行了交流。</p></div></div></body></html>")
    hints = ExtractionHints(field_paths={"div.art": {"author": "div.art[1]/div.info[1]/span[1]"}})
    got = extract_page(page.encode(), "http://x.test/a/1.html", {}, hints)
    assert got.template == "div.art" and got.author is None


CRUMB = '<div class="lmbar"><a href="/">演示协会</a> &gt; <a href="/hyzx/">行业资讯</a> &gt; {title}</div>'


def _crumb_page(title: str) -> bytes:
    return (f"<html><body><div class='art'>{CRUMB.format(title=title)}<h1>{title}</h1>"
            f"<div class='con'><p>{'再生铝行业运行平稳，企业开工率有所回升。' * 6}</p></div></div></body></html>").encode()


def test_a_breadcrumb_the_rules_do_not_know_is_read_where_the_template_prints_it():
    assert read_field("首页 > 行业资讯 > 铝价回升", "category", "铝价回升") == "行业资讯"
    assert read_field("首页 > 行业资讯 > 正文", "category") == "行业资讯"
    assert read_field("行业资讯", "category") is None  # one section is no trail
    assert read_field("协会召开年会，来自全国的代表出席了会议。", "category") is None
    titles = [f"再生铝价格第{n}周回升" for n in range(6)]
    # the rules know no box named lmbar and see neither a lead word nor a trail from home: the category comes from
    # the site (its listings' labels, see records.consolidate.site_field_paths), located on its pages, read on the
    # others
    assert extract_page(_crumb_page(titles[0]), "http://a.cn/hyzx/1.html").category is None
    observations = [("div.art", locate_fields(page_root(_crumb_page(t)), {"category": "行业资讯"}, t)) for t in titles]
    learned = learn_field_paths(observations)
    assert learned == {"div.art": {"category": "div.art[1]/div.lmbar[1]"}}
    got = extract_page(_crumb_page("铜加工企业走访"), "http://a.cn/hyzx/9.html",
                       hints=ExtractionHints(field_paths=learned))
    assert got.category == "行业资讯" and got.field_methods["category"] == "template-position"
