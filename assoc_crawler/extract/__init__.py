"""Pure extraction: (HTML bytes, URL, headers) -> plain data. Imports nothing from Scrapy.

Rooms: encoding -> dom / dates -> listings / layout / content / title / metadata / fields -> classify -> page -> merge;
label tables live in labels.py.
"""

from .encoding import decode_html
from .merge import merge_pages
from .model import Attachment, Image, LinkShapes, ListingBlock, ListingItem, PageExtraction
from .page import EXTRACTOR_VERSION, ExtractionHints, extract_page
from .urls import normalize_url

__all__ = [
    "EXTRACTOR_VERSION", "Attachment", "ExtractionHints", "Image", "LinkShapes", "ListingBlock", "ListingItem",
    "PageExtraction", "decode_html", "extract_page", "merge_pages", "normalize_url",
]
