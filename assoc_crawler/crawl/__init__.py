"""The Scrapy side: the spider (what to fetch), its settings, middlewares, the pipeline that hands items to the
archive, the progress extension and the extraction process pool. Switched on by `crawl/settings.py`."""
