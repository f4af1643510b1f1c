"""Scrapy spiders of assoc-crawler."""
