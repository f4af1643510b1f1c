"""Offline demo HTTP server for the sample association sites (stdlib only).

Every site directory under ``sites/`` holds ``site.json`` (name, title, cms, encoding, header_charset,
routes), ``www/`` (the files, stored as UTF-8) and ``truth.json`` (what a crawl should find). Each site is
served by its own :class:`ThreadingHTTPServer` on an ephemeral port of 127.0.0.1:

* ``/a/b/`` serves ``www/a/b/index.html``; ``/a/b`` (a directory) redirects to ``/a/b/``;
* ``/p.php?x=1&y=2`` serves ``www/p.php@x=1&y=2``; without such a file, tracking parameters (``utm_*``,
  ``from``, ``spm`` ...) are dropped and, failing that, the whole query, so variants serve the same page;
* text pages (``.html``, ``.htm``, ``.php`` ...) are re-encoded to the site's ``encoding`` on the wire and
  the ``Content-Type`` header carries ``header_charset`` (or no charset when it is null);
* ``routes`` in ``site.json`` add redirects, error statuses, delays, typed files and raw (malformed) bytes;
* an optional ``delay`` (seconds) in ``site.json`` slows every answer of the site;
* static answers carry ``Content-Length``, ``Last-Modified`` and ``ETag`` and honour ``If-None-Match`` /
  ``If-Modified-Since`` with 304.

Run ``python -m assoc_crawler.demo.server [--port-base N] [SITE ...]`` to serve until Ctrl-C.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import json
import socketserver
import sys
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote_to_bytes, urlsplit

from .wire import (
    CONTENT_TYPES,
    INDEX_FILES,
    REASONS,
    TEXT_PAGE_SUFFIXES,
    RequestLogEntry,
    Response,
    decode_path_bytes,
    drop_tracking,
    etag_matches,
    http_date,
    small_page,
)

SITES_DIR = Path(__file__).resolve().parent / "sites"


def available_sites(sites_dir: Path | str | None = None) -> list[str]:
    """Names of the site directories (those with a ``site.json``) under ``sites_dir``, sorted."""
    root = Path(sites_dir) if sites_dir is not None else SITES_DIR
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "site.json").is_file())


def load_truth(name: str, sites_dir: Path | str | None = None) -> dict[str, Any]:
    """The parsed ``truth.json`` of site ``name``."""
    root = Path(sites_dir) if sites_dir is not None else SITES_DIR
    return json.loads((root / name / "truth.json").read_text(encoding="utf-8"))


class DemoSite:
    """One sample site: its configuration, its HTTP server once started, and the log of its requests."""

    def __init__(self, name: str, site_dir: Path | str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.name = name
        self.dir = Path(site_dir).resolve()
        self.www = self.dir / "www"
        self.config: dict[str, Any] = json.loads((self.dir / "site.json").read_text(encoding="utf-8"))
        self.title: str = self.config.get("title", name)
        self.encoding: str = self.config.get("encoding") or "utf-8"
        self.header_charset: str | None = self.config.get("header_charset")
        self.routes: dict[str, dict[str, Any]] = self.config.get("routes") or {}
        self.delay: float = float(self.config.get("delay") or 0.0)
        self.host = host
        self.port = port
        self.requests: list[RequestLogEntry] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _SiteHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------------------------------- helpers
    @property
    def base_url(self) -> str:
        """``http://host:port`` of the running site (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` (non-ASCII characters percent-encoded as UTF-8)."""
        return self.base_url + quote(path, safe="/?&=%:;@+,#~!$'()*[]")

    def truth(self) -> dict[str, Any]:
        """The parsed ``truth.json`` of this site."""
        return json.loads((self.dir / "truth.json").read_text(encoding="utf-8"))

    def requested_paths(self) -> list[str]:
        """The decoded paths (with query) requested so far, in arrival order."""
        with self._lock:
            return [entry.path for entry in self.requests]

    def clear_requests(self) -> None:
        """Forget the request log."""
        with self._lock:
            self.requests.clear()

    def _log(self, entry: RequestLogEntry) -> None:
        with self._lock:
            self.requests.append(entry)

    def decode_target(self, target: str) -> tuple[str, str]:
        """Split a request target into its decoded path and query (fragment and scheme/host dropped)."""
        if "://" in target.split("?", 1)[0]:
            parts = urlsplit(target)
            path, query = parts.path or "/", parts.query
        else:
            target = target.split("#", 1)[0]
            path, _, query = target.partition("?")
        path = decode_path_bytes(unquote_to_bytes(path), self.encoding)
        query = decode_path_bytes(unquote_to_bytes(query), self.encoding)
        return path, query

    # ------------------------------------------------------------------------------------------ answer
    def respond(self, method: str, target: str, headers: Mapping[str, str] | None = None) -> Response:
        """Compute the answer to ``method target`` (may sleep for the site's or a route's ``delay``)."""
        headers = headers or {}
        if self.delay > 0:
            self._stopping.wait(self.delay)
        if method not in ("GET", "HEAD"):
            response = self._error(405)
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        path, query = self.decode_target(target)
        if not path.startswith("/"):
            return self._error(400)
        full = path + ("?" + query if query else "")
        raw = target.split("#", 1)[0]
        route = self.routes.get(full) or self.routes.get(raw)
        if route:
            routed = self._route(route, headers)
            if routed is not None:
                return routed
        found = self._find_file(path, query)
        if isinstance(found, Response):
            return found
        if found is None:
            return self._error(404)
        return self._static(found, headers)

    def _route(self, route: Mapping[str, Any], headers: Mapping[str, str]) -> Response | None:
        delay = route.get("delay")
        if delay:
            self._stopping.wait(float(delay))
        status = route.get("status")
        if status in (301, 302, 303, 307, 308):
            location = str(route.get("location", "/"))
            body = small_page(status, f'The document has moved <a href="{location}">here</a>.')
            return Response(status, [("Location", location), ("Content-Type", "text/html; charset=iso-8859-1")],
                            body)
        if status and status != 200:
            return self._error(int(status))
        if "raw_file" in route:
            file = self._site_file(str(route["raw_file"]))
            if file is None:
                return self._error(404)
            ctype = str(route.get("content_type", "application/octet-stream"))
            return self._static(file, headers, content_type=self._with_charset(ctype), reencode=False)
        if "file" in route:
            file = self._site_file(str(route["file"]))
            if file is None:
                return self._error(404)
            ctype = str(route.get("content_type", "application/octet-stream"))
            text = ctype.split(";")[0].strip() == "text/html"
            return self._static(file, headers, content_type=self._with_charset(ctype), reencode=text)
        return None  # e.g. a delay-only route: serve the path normally

    def _with_charset(self, ctype: str) -> str:
        if ctype.split(";")[0].strip() == "text/html" and "charset" not in ctype and self.header_charset:
            return f"{ctype}; charset={self.header_charset}"
        return ctype

    def _site_file(self, relative: str) -> Path | None:
        for base in (self.dir, self.www):
            candidate = (base / relative).resolve()
            if candidate.is_relative_to(self.dir) and candidate.is_file():
                return candidate
        return None

    def _inside_www(self, relative: str) -> Path | None:
        if "\x00" in relative or any(part == ".." for part in relative.split("/")):
            return None
        candidate = (self.www / relative).resolve()
        www = self.www.resolve()
        if candidate != www and not candidate.is_relative_to(www):
            return None
        return candidate

    def _find_file(self, path: str, query: str) -> Path | Response | None:
        relative = path.lstrip("/")
        base = self._inside_www(relative)
        if base is None:
            return None
        if query and not path.endswith("/"):
            queries = [query]
            reduced = drop_tracking(query)
            if reduced and reduced != query:
                queries.append(reduced)
            for candidate_query in queries:
                if "/" in candidate_query or "\x00" in candidate_query:
                    continue
                candidate = base.with_name(base.name + "@" + candidate_query)
                try:
                    if candidate.is_file():
                        return candidate
                except (OSError, ValueError):
                    continue
        if path.endswith("/") or base == self.www.resolve():
            if not base.is_dir():
                return None
            for index in INDEX_FILES:
                if (base / index).is_file():
                    return base / index
            return None
        if base.is_dir():
            location = path + "/" + ("?" + query if query else "")
            body = small_page(301, f'The document has moved <a href="{location}">here</a>.')
            return Response(301, [("Location", location), ("Content-Type", "text/html; charset=iso-8859-1")],
                            body)
        return base if base.is_file() else None

    def _is_text_page(self, file: Path) -> bool:
        name = file.name.split("@", 1)[0]
        return Path(name).suffix.lower() in TEXT_PAGE_SUFFIXES

    def _page_bytes(self, file: Path) -> bytes:
        text = file.read_bytes().decode("utf-8", errors="replace")
        return text.encode(self.encoding, errors="xmlcharrefreplace")

    def _html_content_type(self) -> str:
        return f"text/html; charset={self.header_charset}" if self.header_charset else "text/html"

    def _static(self, file: Path, headers: Mapping[str, str], content_type: str | None = None,
                reencode: bool | None = None) -> Response:
        text_page = self._is_text_page(file)
        if reencode is None:
            reencode = text_page
        body = self._page_bytes(file) if reencode else file.read_bytes()
        if content_type is None:
            if text_page:
                content_type = self._html_content_type()
            else:
                content_type = CONTENT_TYPES.get(file.suffix.lower(), "application/octet-stream")
        mtime = int(file.stat().st_mtime)
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        common = [("Last-Modified", http_date(mtime)), ("ETag", etag)]
        if self._not_modified(headers, etag, mtime):
            return Response(304, common)
        return Response(200, [("Content-Type", content_type), *common], body)

    @staticmethod
    def _not_modified(headers: Mapping[str, str], etag: str, mtime: int) -> bool:
        lowered = {key.lower(): value for key, value in headers.items()}
        if "if-none-match" in lowered:
            return etag_matches(lowered["if-none-match"], etag)
        since = lowered.get("if-modified-since")
        if since:
            try:
                parsed = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError, IndexError):
                return False
            if parsed is not None and parsed.tzinfo is not None:
                return mtime <= parsed.timestamp()
        return False

    def _error(self, status: int) -> Response:
        custom = self.www / f"{status}.html"
        if status == 404 and custom.is_file():
            body = self._page_bytes(custom)
            return Response(404, [("Content-Type", self._html_content_type())], body)
        messages = {
            400: "Your browser sent a request that this server could not understand.",
            404: "The requested URL was not found on this server.",
            405: "The requested method is not allowed for this URL.",
            500: "The server encountered an internal error and was unable to complete your request.",
            503: "The server is temporarily unable to service your request. Please try again later.",
        }
        body = small_page(status, messages.get(status, "Error."))
        return Response(status, [("Content-Type", "text/html; charset=iso-8859-1")], body)

    # -------------------------------------------------------------------------------------- lifecycle
    def start(self) -> DemoSite:
        """Bind the server (port 0 = ephemeral) and serve in a daemon thread."""
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _SiteHTTPServer((self.host, self.port), self)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"demo-{self.name}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (wakes sleeping ``delay`` handlers) and close the socket."""
        self._stopping.set()
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __repr__(self) -> str:
        return f"DemoSite({self.name!r}, {self.base_url!r})"


class _Handler(BaseHTTPRequestHandler):
    """Request handler: delegates to :meth:`DemoSite.respond`, logs, never prints."""

    protocol_version = "HTTP/1.1"
    server_version = "Apache"
    sys_version = ""
    timeout = 30
    server: _SiteHTTPServer

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._handle()

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle()

    def do_POST(self) -> None:  # noqa: N802
        self.close_connection = True
        self._handle()

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def _handle(self) -> None:
        site = self.server.site
        headers = {key: value for key, value in self.headers.items()}
        try:
            path, query = site.decode_target(self.path)
            shown = path + ("?" + query if query else "")
        except Exception:  # noqa: BLE001 - odd targets are still logged
            shown = self.path
        entry = RequestLogEntry(self.command, shown, self.path, headers, time.time())
        site._log(entry)
        try:
            response = site.respond(self.command, self.path, headers)
        except Exception:  # noqa: BLE001 - the demo server must never crash on a request
            response = site._error(500)
        entry.status = response.status
        if site._stopping.is_set():
            self.close_connection = True
            return
        try:
            self.send_response(response.status, REASONS.get(response.status))
            for key, value in response.headers:
                self.send_header(key, value)
            if response.status != 304:
                self.send_header("Content-Length", str(len(response.body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and response.status != 304:
                self.wfile.write(response.body)
        except OSError:
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        return


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], site: DemoSite) -> None:
        self.site = site
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # Skip HTTPServer.server_bind's reverse DNS lookup (slow or hanging without a network).
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that went away is not worth a traceback


class DemoServer:
    """Serve several demo sites, each on its own port: ``with DemoServer(["recycle"]) as srv: ...``."""

    def __init__(self, sites: list[str] | None = None, host: str = "127.0.0.1",
                 sites_dir: Path | str | None = None, port_base: int = 0) -> None:
        self.sites_dir = Path(sites_dir) if sites_dir is not None else SITES_DIR
        self.host = host
        names = list(sites) if sites is not None else available_sites(self.sites_dir)
        known = set(available_sites(self.sites_dir))
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ValueError(f"unknown demo site(s): {', '.join(unknown)} (have: {', '.join(sorted(known))})")
        self.sites: dict[str, DemoSite] = {
            name: DemoSite(name, self.sites_dir / name, host, port_base + i if port_base else 0)
            for i, name in enumerate(names)
        }

    def start(self) -> DemoServer:
        """Start every site; on failure stop those already started and re-raise."""
        try:
            for site in self.sites.values():
                site.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop every site."""
        for site in self.sites.values():
            site.stop()

    def __getitem__(self, name: str) -> DemoSite:
        return self.sites[name]

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Command line: serve the demo sites until Ctrl-C, printing ``name base_url`` lines."""
    parser = argparse.ArgumentParser(prog="python -m assoc_crawler.demo.server",
                                     description="Serve the offline demo association sites.")
    parser.add_argument("sites", nargs="*", metavar="SITE", help="sites to serve (default: all)")
    parser.add_argument("--port-base", type=int, default=0,
                        help="first port; the sites get consecutive ports (default: ephemeral ports)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    args = parser.parse_args(argv)
    try:
        server = DemoServer(args.sites or None, host=args.host, port_base=args.port_base)
        server.start()
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        for name, site in server.sites.items():
            print(f"{name} {site.base_url}", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
