"""Scrapy settings for assoc-crawler: polite by default; every value here is documented in the README."""

import os

from assoc_crawler import __version__

BOT_NAME = "assoc_crawler"
SPIDER_MODULES = ["assoc_crawler.crawl.spider"]
COMMANDS_MODULE = "assoc_crawler.crawl.commands"  # crawl: the site spider's arguments checked first
NEWSPIDER_MODULE = "assoc_crawler.crawl.spider"

# An honest User-Agent naming the project (add a contact with ASSOC_CONTACT or --contact).
USER_AGENT = f"assoc-crawler/{__version__} (research archiver of association news; Scrapy)"
ROBOTSTXT_OBEY = True
# Scrapy's robots.txt middleware, with a fix for requests that wait on robots.txt together (middlewares.py).
# Waits before retrying a 429/503 (Retry-After, else backoff), and fails a gzip body cut short instead of
# archiving half a page.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "assoc_crawler.crawl.middlewares.StoppingMiddleware": 10,
    "assoc_crawler.crawl.middlewares.RobotsTxtMiddleware": 100,
    "assoc_crawler.crawl.middlewares.RetryAfterMiddleware": 560,
    "assoc_crawler.crawl.middlewares.TruncatedGzipMiddleware": 595,
    "assoc_crawler.crawl.middlewares.OffsiteRedirectMiddleware": 650,
}

# Politeness: about one request a second per host (randomised ±50% by Scrapy), adapted by AutoThrottle.
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Outputs of one response handled at once (Scrapy: 100). The archive pipeline is synchronous, so only the cost is
# parallel: Scrapy starts that many asyncio tasks per response, 100 x 3,300 responses took a quarter of a crawl's CPU; 4
# measured 218 pages/s against 180 (generated DedeCMS site, 3,000 articles, alternating runs).
CONCURRENT_ITEMS = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Failures: retry timeouts and 5xx twice, then record the page in `errors` and go on.
RETRY_ENABLED = True
RETRY_TIMES = 2
ASSOC_RETRY_BACKOFF = 1.0  # seconds before the first retry of a 429/503 without Retry-After; doubled each time
ASSOC_RETRY_BACKOFF_MAX = 16.0  # ... up to this
ASSOC_RETRY_BUDGET = 60.0  # a URL answering 429/503 is retried while its retries fit in this many seconds
ASSOC_RETRY_AFTER_MAX = 120.0  # a longer Retry-After is not waited for: the page is retried on the next run
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
HTTPERROR_ALLOW_ALL = True  # the spider sees 4xx/5xx (after retries) and records them

# Crawl bounds (traps cost a bounded number of requests; see README "Crawl bounds").
DEPTH_LIMIT = 12  # links from a start URL, counted by the spider: the next pages of a list do not add depth
SPIDER_MIDDLEWARES = {"scrapy.spidermiddlewares.depth.DepthMiddleware": None}  # the spider counts depth itself
ASSOC_MAX_PAGES = 5000  # requests per crawl (one site)
ASSOC_PATTERN_MAX_PAGES = 1000  # requests per URL shape (digits folded, query values dropped)
ASSOC_BARREN_PATTERN_LIMIT = 15  # fetched pages of one URL shape that led to no new article -> stop that shape
ASSOC_MAX_PATH_SEGMENT_REPEATS = 2  # /a/b/a/b/a/... is a trap

# Incremental crawls (second and later runs on the same archive; see README "Scheduled crawls").
ASSOC_FULL = False  # True: follow every list page again (known articles are still only rechecked when due)
ASSOC_LIST_PAGES_PAST_KNOWN = 0  # list pages read past the first one that holds nothing new (later runs)
# After a finished crawl, re-decide the pages whose own evidence was weak by the site's templates
# (assoc_crawler.records.consolidate).
ASSOC_CONSOLIDATE = True
ASSOC_RECHECK = "policy"  # 'policy', 'all' (every known article, conditionally) or 'none'
ASSOC_RECHECK_RECENT_DAYS = 7.0  # an article published in the last 7 days is "recent" ...
ASSOC_RECHECK_RECENT_HOURS = 20.0  # ... and is rechecked once its last check is 20 hours old (daily runs)
ASSOC_RECHECK_OLD_DAYS = 30.0  # older articles are rechecked every 30 days
ASSOC_MAX_RECHECKS = 2000  # rechecks per run, most overdue first (the rest wait for the next run); 0: no cap
ASSOC_RECHECK_PAGES_HOURS = 20.0  # known non-list pages (and failed ones) linked again are refetched this stale
# Drift alarm: a crawl with at least 3 new articles, on a site with at least 10 earlier ones, whose share of
# articles with a title/date/source/author/editor/body falls below half the site's usual share.
ASSOC_DRIFT_MIN_ARTICLES = 3
ASSOC_DRIFT_MIN_HISTORY = 10
ASSOC_DRIFT_MAX_DROP = 0.5

# Extraction in worker processes, beside the crawl (0: in the crawl's own process). One worker on a machine of
# two or more cores lets a fast crawl run at about 80% of a bare Scrapy crawl's speed (bench/crawl_throughput.py).
ASSOC_EXTRACT_WORKERS = 1 if (os.cpu_count() or 1) > 1 else 0

# The archive.
ITEM_PIPELINES = {"assoc_crawler.crawl.pipelines.ArchivePipeline": 300}
ASSOC_ARCHIVE_DB = "archive.db"
ASSOC_ARCHIVE_CHECKED = False  # True: the caller ran PRAGMA quick_check on the archive; the pipeline does not
ASSOC_BATCH_WRITES = 200  # archive writes per transaction at most ...
ASSOC_BATCH_SECONDS = 1.0  # ... and a transaction is committed at least this often
EXTENSIONS = {"assoc_crawler.crawl.extensions.CrawlProgress": 500}
ASSOC_PROGRESS = "auto"  # 'auto' (on a terminal), 'always', 'never'

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
