"""Distributed crawls: several workers share a Redis frontier, one writer (`ingest`) owns the archive.
`protocol`: the Redis keys and the worker/writer protocol (no Scrapy); `codec`: items as messages;
`worker`: the Scrapy settings and components of a worker; `ingest`: the writer."""
