"""What the spider reads off a response besides its page: headers for extraction, the raw copy the archive keeps,
the validators of a later conditional request, and the URLs that are aliases of the page."""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from assoc_crawler.extract import PageExtraction, normalize_url

#: The response.meta key of the body as the extraction worker packed it (archive.PackedBody), when it did.
PACKED_BODY = "assoc_packed_body"


def extraction_headers(response: Response) -> dict[str, str]:
    """The response's headers for `extract_page`: one (the first) value per name."""
    return {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}


def raw_page(response: Response, extraction: PageExtraction, page_no: int) -> dict[str, Any]:
    """The response as the archive keeps it (so that reextract can re-decide the page)."""
    headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
    packed = response.meta.get(PACKED_BODY)  # packed by the extraction worker: the bytes need not travel again
    return {
        "url": normalize_url(response.url) or response.url,
        "page_no": page_no,
        "status": response.status,
        "headers": headers,
        "encoding": extraction.encoding,
        "template": extraction.template,
        **(packed._asdict() if packed is not None else {"body": bytes(response.body)}),
    }


def response_validators(response: Response) -> dict[str, str | None]:
    """ETag and Last-Modified, for the If-None-Match / If-Modified-Since of a later recheck."""

    def header(name: bytes) -> str | None:
        value = response.headers.get(name)
        return value.decode("latin-1") if value else None

    return {"etag": header(b"ETag"), "last_modified": header(b"Last-Modified")}


def page_key(extraction: PageExtraction) -> str:
    """The URL a page is known by: an article's first page URL, else its canonical URL."""
    return extraction.first_page_url if extraction.page_type == "article" else extraction.canonical_url


def page_aliases(response: Response, extraction: PageExtraction) -> list[dict[str, str]]:
    """Other URLs of the page: the redirects that led to it and (page 1) the URL it was fetched at."""
    aliases: list[dict[str, str]] = []
    key = page_key(extraction)
    for url in response.meta.get("redirect_urls", []):
        normalized = normalize_url(url)
        if normalized and normalized != key:
            aliases.append({"url": normalized, "reason": "redirect"})
    final = normalize_url(response.url)
    if final and final != key and extraction.page_no == 1:
        aliases.append({"url": final, "reason": "canonical"})
    return aliases
