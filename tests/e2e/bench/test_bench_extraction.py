"""The extraction benchmark (bench/extraction.py): scoring functions, never failing on a page, and a real run on a
tiny corpus written here (no network, no shared corpus)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "bench" / "extraction.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_extraction", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


bench = _load_bench()

ARTICLE_UTF8 = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>协会召开年度工作会议_行业新闻</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/news/">行业新闻</a></div>
<div class="article"><h1>协会召开年度工作会议</h1>
<div class="info">发布时间：2024-03-05 09:30 来源：本会秘书处 作者：张三</div>
<div class="content">
<p>三月五日，协会在北京召开年度工作会议，总结过去一年的工作，部署新一年的重点任务。</p>
<p>会议指出，过去一年协会在标准制定、行业自律和会员服务方面取得了明显进展，会员单位数量稳步增长。</p>
<p>会议要求，新的一年要继续加强行业调查研究，推动行业高质量发展，更好地服务会员企业。</p>
</div><div class="editor">责任编辑：李四</div></div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="/news/2.html">协会发布行业发展报告</a></li><li><a href="/news/3.html">协会举办标准宣贯培训班</a></li>
<li><a href="/news/4.html">协会走访会员企业调研</a></li></ul></div>
<div class="footer">版权所有 协会秘书处</div></body></html>"""

ARTICLE_GBK = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>行业运行情况简析</title></head><body>
<div class="main"><h1>行业运行情况简析</h1><p class="date">2023年11月20日</p>
<div class="text"><p>今年前三季度，行业总体保持平稳运行，主要产品产量同比有所增长，企业效益稳中向好。</p>
<p>从出口情况看，主要产品出口数量和金额均比上年同期增加，新兴市场份额继续提高。</p></div></div>
</body></html>"""

LIST_PAGE = """<html><head><meta charset="utf-8"><title>行业新闻</title></head><body><h2>行业新闻</h2><ul>
""" + "".join(f'<li><a href="/news/{i}.html">行业新闻标题第{i}条</a><span>2024-01-{i:02d}</span></li>\n' for i in range(1, 21)) + """
</ul><div class="pages"><a href="list_2.html">下一页</a></div></body></html>"""

ARTICLE_BODY = ("三月五日，协会在北京召开年度工作会议，总结过去一年的工作，部署新一年的重点任务。\n"
                "会议指出，过去一年协会在标准制定、行业自律和会员服务方面取得了明显进展，会员单位数量稳步增长。\n"
                "会议要求，新的一年要继续加强行业调查研究，推动行业高质量发展，更好地服务会员企业。")


def write_corpus(root: Path) -> Path:
    """A corpus root with one set: a UTF-8 article, a GBK article, a list page, plus a truth without its page."""
    pages, truth = root / "zh-tiny" / "pages", root / "zh-tiny" / "truth"
    pages.mkdir(parents=True)
    truth.mkdir()
    (pages / "a1.html").write_bytes(ARTICLE_UTF8.encode("utf-8"))
    (pages / "a2.html").write_bytes(ARTICLE_GBK.encode("gbk"))
    (pages / "l1.html").write_bytes(LIST_PAGE.encode("utf-8"))
    truths = {
        "a1": {"page": "pages/a1.html", "page_type": "article", "url": "http://assoc.example/news/1.html",
               "title": "协会召开年度工作会议", "published_at": "2024-03-05T09:30", "source": "本会秘书处",
               "author": "张三", "editor": "李四", "body": ARTICLE_BODY,
               "body_with": ["召开年度工作会议"], "body_without": ["版权所有"],
               "listings": [{"heading": "相关文章", "kind": "related", "count": 3,
                             "first": {"title": "协会发布行业发展报告", "href": "http://assoc.example/news/2.html"}}]},
        "a2": {"page": "pages/a2.html", "page_type": "article", "title": "行业运行情况简析",
               "published_at": "2023-11-20", "source": None, "author": None, "editor": None,
               "alt": {"published_at": ["2023-11"]}},
        "l1": {"page": "pages/l1.html", "page_type": "list", "title": "行业新闻"},
        "missing": {"page": "pages/missing.html", "page_type": "article"},
    }
    for page_id, data in truths.items():
        (truth / f"{page_id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (truth / "broken.json").write_text("{not json", encoding="utf-8")
    return root


# --- scoring functions -----------------------------------------------------------------------------------------


def test_bigram_f1_identical_disjoint_and_hand_computed():
    assert bench.bigram_f1("协会召开会议", "协会 召开\n会议") == 1.0
    assert bench.bigram_f1("甲乙丙丁", "子丑寅卯") == 0.0
    assert bench.bigram_f1("", "协会") == 0.0
    # abcd: ab bc cd; abce: ab bc ce -> 2 shared of 3 each: P = R = F1 = 2/3
    assert bench.bigram_f1("abcd", "abce") == pytest.approx(2 / 3)
    # multisets: aaa -> aa x2; aa -> aa x1: P = 1/2, R = 1 -> F1 = 2/3
    assert bench.bigram_f1("aaa", "aa") == pytest.approx(2 / 3)


def test_normalise_datetime_forms():
    assert bench.normalise_datetime("2015-05-21 05:03:58") == "2015-05-21T05:03:58"
    assert bench.normalise_datetime("2019-09-07T16:28:35+08:00") == "2019-09-07T16:28:35"
    assert bench.normalise_datetime("发布时间：2024年3月5日 9:30") == "2024-03-05T09:30"
    assert bench.normalise_datetime("2024/3/5") == "2024-03-05"
    assert bench.normalise_datetime("1996-03") == "1996-03"
    assert bench.normalise_datetime("  ") is None


def test_date_comparison_time_and_alt():
    assert bench.date_matches("2024-03-05T09:30:00+08:00", "2024-03-05T09:30") == (True, True)
    assert bench.date_matches("2024-03-05", "2024-03-05T09:30") == (True, False)
    assert bench.date_matches("2024-03-05T09:31:00+08:00", "2024-03-05T09:30") == (True, False)
    assert bench.date_matches("2024-03-05T09:30:12+08:00", "2024-03-05T09:30:13") == (True, False)
    assert bench.date_matches("2024-03-05 09:30:13", "2024-03-05T09:30:13") == (True, True)
    assert bench.date_matches(None, None) == (True, None)
    assert bench.date_matches("2024-03-05", None) == (False, None)

    truth = {"published_at": None, "alt": {"published_at": ["1996-03"]}}
    assert bench.score_field("published_at", "1996-03-15", truth)["right"]
    assert bench.score_field("published_at", None, truth)["right"]
    wrong = bench.score_field("published_at", "1997-01-01", truth)
    assert not wrong["right"] and wrong["false_value"]

    timed = {"published_at": "2024-03-05T09:30"}
    assert bench.score_time("2024-03-05T09:30:00+08:00", timed)["right"]
    assert not bench.score_time("2024-03-05", timed)["right"]
    assert bench.score_time("2024-03-05", {"published_at": "2024-03-05"}) is None


def test_text_fields_trim_null_and_alt():
    assert bench.score_field("source", " 新华社 ", {"source": "新华社"})["right"]
    assert bench.score_field("author", "", {"author": None})["right"]
    false = bench.score_field("author", "张三", {"author": None})
    assert not false["right"] and false["false_value"]
    assert bench.score_field("source", "人民网", {"source": "人民日报", "alt": {"source": ["人民网"]}})["right"]
    assert bench.score_field("title", "x" * 500, {"title": "y"})["got"].__len__() <= bench.MAX_VALUE_CHARS


def test_snippets_and_listing_matching():
    assert bench.snippet_counts("协会 召开\n年度会议", ["召开 年度会议", "缺失"], ["版权所有"]) == (1, 1)
    ours = [bench.Block("热点  新闻", "hot", 4, "甲", "http://a/1"), bench.Block("", "recommended", 3, "乙", "https://a/2#x")]
    truth = [{"heading": "猜你喜欢", "kind": "recommended", "count": 3, "first": {"title": "丙", "href": "http://a/2"}},
             {"heading": "热点新闻", "kind": "hot", "count": 5, "first": {"title": "甲", "href": ""}},
             {"heading": "其他", "kind": "other", "count": 2, "first": {"title": "丁", "href": ""}}]
    scored = bench.score_listings(ours, truth)
    assert [(b["found"], b["kind_right"], b["count_right"]) for b in scored["blocks"]] == [
        (True, True, True), (True, True, False), (False, False, False)]
    assert scored["extra"] == 0


# --- running: an extractor that raises ---------------------------------------------------------------------------


def test_raising_extractor_counts_as_empty_and_is_reported():
    page = bench.Page(set="s", id="p1", url="http://bench.invalid/s/p1.html", body=b"<html></html>",
                      truth={"page_type": "list", "title": "x", "body": "正文内容"})
    ok = bench.Page(set="s", id="p2", url="http://bench.invalid/s/p2.html", body=b"<p>ok</p>",
                    truth={"page_type": "article", "title": "ok", "body": "正文内容"})

    def flaky(p):
        if p.id == "p1":
            raise RuntimeError("boom")
        return bench.Extracted(title="ok", body="正文内容", page_type="article")

    run = bench.run_extractor("flaky", flaky, [page, ok], repeat=2)
    assert len(run.results) == 2 and len(run.seconds) == 2
    assert run.results[0].error.startswith("RuntimeError") and run.results[0].body == ""
    errors = bench.errors({"flaky": run}, [page, ok])
    assert errors == [{"extractor": "flaky", "set": "s", "id": "p1", "error": "RuntimeError: boom"}]

    scores = [bench.score_page(p, r, classifies=True) for p, r in zip([page, ok], run.results, strict=True)]
    assert scores[0]["error"] and not scores[0]["fields"]["title"]["right"]
    assert scores[0]["page_type"]["right"] is False  # a crash is not credited with "not an article"
    assert scores[1]["body_f1"] == 1.0
    summary = bench.aggregate(scores, classifies=True)
    assert summary["errors"] == 1 and summary["fields"]["title"]["right"] == 1


# --- the script, end to end --------------------------------------------------------------------------------------


def test_script_runs_on_tiny_corpus(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    details = tmp_path / "details.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), "--no-peers", "--out", str(out), "--details", str(details)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| zh-tiny | ours |" in result.stdout and "| overall | ours |" in result.stdout

    report = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    assert set(report) >= {"environment", "metrics", "listings", "speed", "errors", "pages"}
    env = report["environment"]
    assert env["sets"]["zh-tiny"]["pages"] == 3 and len(env["sets"]["zh-tiny"]["skipped"]) == 2
    assert env["extractors"]["trafilatura"].startswith("not run")
    ours = report["metrics"]["zh-tiny"]["ours"]
    assert set(ours) >= {"pages", "errors", "body", "snippets", "fields", "date_time", "page_type"}
    assert set(ours["fields"]) == set(bench.FIELDS)
    assert ours["body"]["n"] == 1 and ours["snippets"]["n"] == 1 and ours["page_type"]["n"] == 1
    assert ours["date_time"]["n"] == 1
    assert report["listings"]["overall"]["by_kind"]["related"]["n"] == 1
    assert report["speed"]["ours"]["pages"] == 3
    assert report["speed"]["parse_floor"]["pages"] == 3 and report["speed"]["parse_floor"]["pages_per_second"] > 0
    assert {p["id"] for p in report["pages"]} == {"a1", "a2", "l1"}
    a1 = next(p for p in report["pages"] if p["id"] == "a1")
    assert set(a1["fields"]["title"]) >= {"right", "got", "want"} and "body_f1" in a1
    assert "body_text" not in json.dumps(report)  # numbers and short field values only

    md = (out / "extraction.md").read_text(encoding="utf-8")
    for section in ("# Extraction benchmark", "## Per set and extractor", "## Listing blocks", "## Speed",
                    "## Errors", "EXTRACTOR_VERSION", "cpu_count"):
        assert section in md
    assert set(json.loads(details.read_text(encoding="utf-8"))) == {"ours", "ours-archive"}

    # tune half and check half: a1 is in the tune half, a2 and l1 in the check half (see test_half_of_is_fixed)
    assert set(report["metrics"]) == {"zh-tiny", "overall", "zh-tiny/tune", "zh-tiny/check", "overall/tune",
                                      "overall/check"}
    assert set(report["listings"]) == set(report["metrics"])
    for group, per in report["metrics"].items():
        assert list(per) == ["ours", "ours-archive"], group  # the view sits right after ours
    assert report["metrics"]["overall/tune"]["ours"]["pages"] == 1
    assert report["metrics"]["overall/check"]["ours"]["pages"] == 2
    assert report["metrics"]["zh-tiny/check"]["ours"]["page_type"]["n"] == 1  # l1, the list page
    assert report["metrics"]["overall/tune"]["ours"]["body"]["n"] == 1  # a1, the only page with a truth body
    assert {(p["id"], p["half"]) for p in report["pages"]} == {("a1", "tune"), ("a2", "check"), ("l1", "check")}
    assert env["half"] == "all" and isinstance(env["half_rule"], str) and "sha1" in env["half_rule"]
    assert "ours-archive" not in report["speed"]
    assert {h: s["pages"] for h, s in report["speed"]["ours"]["halves"].items()} == {"tune": 1, "check": 2}
    assert "## Tune half and check half" in md
    assert "| ours-archive | overall | check |" in md and "| ours | zh-tiny | tune |" in md
    main_rows = md.split("## Per set and extractor", 1)[1].split("## False values", 1)[0]
    assert "| overall | ours-archive |" in main_rows and "/tune |" not in main_rows  # old tables: no half rows
    assert "| ours | overall | tune |" in result.stdout and "| ours | overall | check |" in result.stdout


def test_single_set_dir_and_only(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    assert [name for name, _ in bench.find_sets([corpus / "zh-tiny"])] == ["zh-tiny"]
    pages, info = bench.load_corpus([corpus], only={"nope"})
    assert pages == [] and info == {}
    pages, _ = bench.load_corpus([corpus / "zh-tiny"], only=None)
    gbk = next(p for p in pages if p.id == "a2")
    assert gbk.body == ARTICLE_GBK.encode("gbk")  # raw bytes, not re-encoded
    assert gbk.url == "http://bench.invalid/zh-tiny/a2.html"


def test_bigram_precision_measures_leakage_and_recall_measures_loss():
    precision, recall, f1 = bench.bigram_scores("协会召开会议版权所有", "协会召开会议")
    assert recall == 1.0 and precision == pytest.approx(5 / 9) and f1 == pytest.approx(2 * 5 / 9 / (1 + 5 / 9))
    precision, recall, _ = bench.bigram_scores("协会召开", "协会召开会议")
    assert precision == 1.0 and recall == pytest.approx(3 / 5)


# --- tune half and check half -----------------------------------------------------------------------------------


def test_half_of_is_fixed_and_splits_evenly():
    assert bench.half_of("zh-tiny", "a1") == "tune"  # pinned: the rule must not drift between runs or versions
    assert bench.half_of("zh-tiny", "a2") == "check"
    assert bench.half_of("zh-tiny", "a1") == bench.half_of("zh-tiny", "a1")
    assert bench.half_of("other-set", "a1") in {"tune", "check"}
    halves = [bench.half_of("zh-cwce", f"page{i:04d}") for i in range(1000)]
    assert set(halves) == {"tune", "check"}
    assert 430 <= halves.count("tune") <= 570  # sd about 16: a rule that is not about even fails
    page = bench.Page(set="zh-tiny", id="a2", url="http://bench.invalid/x", body=b"", truth={})
    assert page.half == "check"
    assert bench.score_page(page, bench.Extracted(), classifies=False)["half"] == "check"


def test_groups_cover_each_half_of_each_set():
    scores = [{"set": "a", "half": "tune"}, {"set": "a", "half": "check"}, {"set": "b", "half": "tune"}]
    groups = bench.group_scores(scores, ["a", "b"])
    assert {g: len(rows) for g, rows in groups.items()} == {
        "a": 2, "b": 1, "overall": 3, "a/tune": 1, "a/check": 1, "b/tune": 1, "b/check": 0,
        "overall/tune": 2, "overall/check": 1}
    assert set(bench.group_scores(scores, ["a", "b"], ("tune",))) == {"a", "b", "overall", "a/tune", "b/tune",
                                                                      "overall/tune"}
    assert bench.is_half_group("overall/tune") and not bench.is_half_group("zh-misc")


def test_half_option_restricts_pages(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    pages, info = bench.load_corpus([corpus], only=None, half="check")
    assert {p.id for p in pages} == {"a2", "l1"} and info["zh-tiny"]["pages"] == 2
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), "--no-peers", "--out", str(out), "--half", "tune"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    assert report["environment"]["half"] == "tune" and report["environment"]["pages"] == 1
    assert [p["id"] for p in report["pages"]] == ["a1"]
    assert set(report["metrics"]) == {"zh-tiny", "overall", "zh-tiny/tune", "overall/tune"}
    assert report["metrics"]["overall"]["ours"]["pages"] == 1 and report["speed"]["ours"]["pages"] == 1
    assert "| ours | overall | tune |" in result.stdout and "| ours | overall | check |" not in result.stdout


def test_a_half_file_puts_a_whole_set_in_one_half_and_name_sets_the_file(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "zh-tiny" / "HALF").write_text("check\n", encoding="utf-8")  # a1 alone would be tune by half_of
    pages, _ = bench.load_corpus([corpus], only=None, half="tune")
    assert pages == []
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), "--no-peers", "--out", str(out), "--name", "handmade"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["handmade.json", "handmade.md"]
    report = json.loads((out / "handmade.json").read_text(encoding="utf-8"))
    assert {p["half"] for p in report["pages"]} == {"check"} and len(report["pages"]) == 3

    (corpus / "zh-tiny" / "HALF").write_text("both", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(corpus), "--no-peers", "--out", str(out)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 2 and "HALF: expected one of tune, check, got 'both'" in result.stderr
    assert "Traceback" not in result.stderr


# --- the ours-archive view ----------------------------------------------------------------------------------------


def _article_page(page_id: str) -> bench.Page:
    truth = {"page_type": "article", "title": "协会召开年度工作会议", "published_at": "2024-03-05T09:30",
             "source": None, "author": "张三", "editor": None, "body": ARTICLE_BODY,
             "body_with": ["召开年度工作会议", "会员服务"], "body_without": ["版权所有"]}
    return bench.Page(set="s", id=page_id, url=f"http://bench.invalid/s/{page_id}.html", body=b"", truth=truth)


def test_archive_view_scores_a_dropped_article_as_missing():
    pages = [_article_page("kept"), _article_page("dropped")]
    full = bench.Extracted(title="协会召开年度工作会议", published_at="2024-03-05 09:30", author="张三",
                           body=ARTICLE_BODY, page_type="article")
    dropped = bench.Extracted(**{**full.__dict__, "page_type": "list"})
    ours = bench.Run(name="ours", results=[full, dropped], seconds=[0.1])
    runs = bench.with_views({"ours": ours, "gne": bench.Run(name="gne", results=[full, full], seconds=[0.1])})
    assert list(runs) == ["ours", "ours-archive", "gne"] and runs["ours-archive"].seconds == []

    metrics, details = bench.score_runs(runs, pages, ["s"])
    kept, gone = details["ours-archive"]
    assert kept == details["ours"][0]  # an article ours keeps is archived as extracted
    assert details["ours"][1]["body_f1"] == 1.0  # ours itself extracted the dropped page perfectly
    assert gone["body_f1"] == 0.0
    assert gone["snippets"] == {"with_found": 0, "with_n": 2, "without_absent": 1, "without_n": 1}
    assert all(f["got"] is None for f in gone["fields"].values())
    assert {name: f["right"] for name, f in gone["fields"].items()} == {
        "title": False, "published_at": False, "source": True, "author": False, "editor": True}
    assert gone["date_time"]["right"] is False and gone["page_type"]["article_kept"] is False

    archive, plain = metrics["overall"]["ours-archive"], metrics["overall"]["ours"]
    assert plain["body"]["mean"] == 1.0 and archive["body"]["mean"] == 0.5 and archive["body"]["n"] == 2
    assert archive["snippets"]["with"] == 0.5 and archive["snippets"]["without"] == 1.0
    assert archive["fields"]["title"]["accuracy"] == 0.5 and archive["fields"]["source"]["accuracy"] == 1.0
    assert archive["page_type"]["articles_kept"] == plain["page_type"]["articles_kept"] == 0.5
    assert metrics["overall"]["gne"]["page_type"] is None
    half = bench.half_of("s", "dropped")
    assert metrics[f"overall/{half}"]["ours-archive"]["body"]["n"] >= 1


def test_archive_view_drops_other_and_crashed_pages_but_keeps_the_error():
    other = bench.archived(bench.Extracted(title="x", body="正文", page_type="other"))
    assert other == bench.Extracted(page_type="other")
    crashed = bench.archived(bench.Extracted(error="RuntimeError: boom"))
    assert crashed.error == "RuntimeError: boom" and crashed.body == "" and crashed.title is None
