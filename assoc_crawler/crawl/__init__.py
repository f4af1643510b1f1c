"""The Scrapy side: the spider (what to fetch: `spider.py`, with its scope and bounds in `scope.py`, the follow
policy in `follow.py`, URL claims in `claims.py`, multi-page articles in `multipage.py`, response parts in
`responses.py`, error kinds in `errors.py`), its settings, middlewares, the pipeline that hands items to the
archive, the progress extension and the extraction process pool (`pool.py`). Switched on by `crawl/settings.py`."""
