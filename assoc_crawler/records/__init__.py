"""What a crawl hands to the archive: the items, the article record built from an extraction, the one writer
shared by the Scrapy pipeline and `ingest`, the drift alarms it raises, and re-extraction of stored responses.
No Scrapy here."""
