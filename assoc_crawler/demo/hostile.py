"""A hostile association site on 127.0.0.1: crawler traps, transport faults, broken and unsafe content.

The test suite crawls it (tests/test_hostile.py) and `bench/soak.py` mixes its faults into a large generated site.
Every path is listed in :data:`FAULTS` with the kind of fault and what a crawl must make of it; the home page links
to all of them and to a few sound articles, which a crawl must archive whatever the rest does.

It is a raw socket server (one thread per connection), not http.server, so that it can misbehave at the transport
level: reset a connection, close it in the middle of a body, send a body a byte a second, lie about lengths.
"""

from __future__ import annotations

import gzip
import socket
import socketserver
import struct
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlsplit

GOOD_ARTICLES = 5
SESSION_TRAP_LINKS = 5


@dataclass(frozen=True)
class Fault:
    """One hostile path: its group, and what a crawl must make of it."""

    path: str
    group: str  # trap, transport, content, unsafe
    expect: str  # 'error:<kind>' (an errors row of that kind), 'article', 'not_article', 'bounded'


FAULTS: tuple[Fault, ...] = (
    Fault("/calendar/?month=2020-01", "trap", "bounded"),
    Fault("/search/?q=%E5%86%8D%E7%94%9F&page=1", "trap", "bounded"),
    Fault("/trap/", "trap", "bounded"),
    Fault("/session/", "trap", "bounded"),
    Fault("/fault/reset.html", "transport", "error:connection_lost"),
    Fault("/fault/midbody.html", "transport", "error:connection_lost"),
    Fault("/fault/truncated-gzip.html", "transport", "error:truncated"),
    Fault("/fault/truncated-once.html", "transport", "article"),
    Fault("/fault/drip.html", "transport", "error:timeout"),
    Fault("/fault/gzip-bomb.html", "transport", "error:too_large"),
    Fault("/fault/huge.html", "transport", "error:too_large"),
    Fault("/fault/huge-unannounced.html", "transport", "error:too_large"),
    Fault("/fault/redirect-loop.html", "transport", "error:redirect_loop"),
    Fault("/fault/redirect-chain/1.html", "transport", "error:redirect_loop"),
    Fault("/fault/retry-after.html", "transport", "article"),
    Fault("/fault/burst-503.html", "transport", "article"),
    Fault("/content/binary.html", "content", "error:non_html"),
    Fault("/content/empty.html", "content", "error:empty"),
    Fault("/content/login.html", "content", "not_article"),
    Fault("/content/error-200.html", "content", "not_article"),
    Fault("/content/deep.html", "content", "article"),
    Fault("/content/bad-gbk.html", "content", "article"),
    Fault("/content/mixed-encoding.html", "content", "article"),
    Fault("/content/charset-conflict.html", "content", "article"),
    Fault("/content/entities.html", "content", "article"),
    Fault("/content/long.html", "content", "article"),
    Fault("/content/unsafe.html", "unsafe", "article"),
)

RETRY_AFTER_SECONDS = 2
BURST_503 = 3  # 503 answers before /fault/burst-503.html answers 200
LONG_PARAGRAPHS = 10_000
DEEP_LEVELS = 5_000
HUGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 200 * 1024 * 1024

_HTML_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
_PARAGRAPH = ("再生金属产业是循环经济的重要组成部分，协会组织企业开展技术交流，推动废旧有色金属回收利用体系建设，"
              "提升再生铜、再生铝和再生铅的规范化水平。")


def article_html(title: str, paragraphs: list[str], charset: str = "utf-8", extra_head: str = "",
                 body_prefix: str = "") -> str:
    """A plain association article page (title, date, source, editor, body)."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}_再生金属分会</title>{extra_head}</head>
<body><div class="nav"><a href="/">首页</a></div>
<div class="article"><h1>{title}</h1>
<div class="info">发布时间：2024-03-15 资讯来源：中国有色金属报</div>
{body_prefix}<div class="content">{body}</div>
<div class="editor">（责任编辑：再生分会）</div></div>
<div class="footer">版权所有 再生金属分会</div></body></html>"""


def _good(number: int) -> str:
    return article_html(f"再生金属行业动态第{number}期", [_PARAGRAPH * 2, f"第{number}期：{_PARAGRAPH}"])


UNSAFE_ARTICLE = article_html("再生铝企业安全生产经验交流", [
    _PARAGRAPH,
    '安全培训<a href="javascript:alert(1)">点击</a>与<a href="data:text/html;base64,PHNjcmlwdD4=">附件</a>'
    '以及<a href="/news/good-1.html" onclick="steal()">往期回顾</a>和<a href="//other.example/x">外链</a>。',
    '<span style="color:red" onmouseover="steal()">企业代表发言</span>，'
    '<img src="/img/a.png" onerror="steal()" alt="现场">交流经验。',
    _PARAGRAPH,
], extra_head='<script>var leaked = "SCRIPT_TEXT";</script><style>.x{}</style>',
    body_prefix='<script>document.write("INLINE_SCRIPT")</script>'
                '<iframe src="http://evil.example/frame">IFRAME_TEXT</iframe>'
                '<form action="/login"><input name="u" value="FORM_TEXT"></form>'
                '<object data="x.swf">OBJECT_TEXT</object><svg onload="steal()"><script>SVG_SCRIPT</script></svg>')

UNSAFE_MARKERS = ("SCRIPT_TEXT", "INLINE_SCRIPT", "IFRAME_TEXT", "FORM_TEXT", "OBJECT_TEXT", "SVG_SCRIPT",
                  "javascript:", "data:", "onclick", "onerror", "onmouseover", "onload", "style=", "<script",
                  "<iframe", "<form", "<object", "<svg")


def home_html() -> str:
    links = [f'<li><a href="/news/good-{n}.html">再生金属行业动态第{n}期</a></li>' for n in range(1, GOOD_ARTICLES + 1)]
    links += [f'<li><a href="{escape(f.path)}">{escape(f.path)}</a></li>' for f in FAULTS]
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>再生金属分会（测试站）</title></head><body>"
            "<h1>再生金属分会</h1><ul>" + "".join(links) + "</ul></body></html>")


def _list_page(title: str, links: list[str]) -> str:
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in links)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1>{title}</h1><ul>{items}</ul></body></html>")


def _nested(levels: int) -> str:
    return "<div>" * levels + f"<p>{_PARAGRAPH}</p>" + "</div>" * levels


def _gzip_bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    chunk = b"\0" * (1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + compressor.flush()


@dataclass
class HostileSite:
    """Serves the hostile site on 127.0.0.1 in a background thread: ``with HostileSite() as site: site.base_url``.

    ``requests`` counts requests by path (query included); ``times`` keeps when each path was asked for."""

    host: str = "127.0.0.1"
    port: int = 0
    requests: Counter[str] = field(default_factory=Counter)
    times: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server: socketserver.ThreadingTCPServer | None = None
        self._bomb: bytes | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> HostileSite:
        site = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                site._handle(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server((self.host, self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> HostileSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the protocol ---------------------------------------------------------------------------------------
    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(30)
        try:
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            request_line = data.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split(" ")
            target = parts[1] if len(parts) > 1 else "/"
            with self._lock:
                self.requests[target] += 1
                self.times.setdefault(target, []).append(time.monotonic())
                count = self.requests[target]
            self._respond(conn, target, count)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    @staticmethod
    def _send(conn: socket.socket, status: str, body: bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        head = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", "Connection: close",
                f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)

    def _respond(self, conn: socket.socket, target: str, count: int) -> None:
        """Answer one request: the first kind of page that knows the path answers it, else 404."""
        split = urlsplit(target)
        path, query = split.path, parse_qs(split.query)
        for respond in (self._site_page_or_trap, self._connection_fault, self._http_fault, self._content_fault):
            if respond(conn, path, query, count):
                return
        self._send(conn, "404 Not Found", b"<html><body>not found</body></html>")

    def _site_page_or_trap(self, conn: socket.socket, path: str, query: dict[str, list[str]], count: int) -> bool:
        """The sound pages (robots.txt, home, good articles) and the crawler traps. False: not such a path."""
        send = self._send
        if path == "/robots.txt":
            send(conn, "200 OK", b"User-agent: *\nDisallow: /private/\n", "text/plain")
            return True
        if path == "/":
            send(conn, "200 OK", home_html().encode())
            return True
        if path.startswith("/news/good-"):
            number = int("".join(c for c in path if c.isdigit()) or 1)
            send(conn, "200 OK", _good(number).encode())
            return True
        # traps
        if path == "/calendar/":
            month = query.get("month", ["2020-01"])[0]
            year, mon = (int(x) for x in month.split("-")[:2]) if "-" in month else (2020, 1)
            prev_month = f"{year - (mon == 1)}-{12 if mon == 1 else mon - 1:02d}"
            next_month = f"{year + (mon == 12)}-{1 if mon == 12 else mon + 1:02d}"
            links = [(f"/calendar/?month={prev_month}", "上月"), (f"/calendar/?month={next_month}", "下月")]
            links += [(f"/calendar/?month={month}&day={d}", f"{d}日") for d in range(1, 4)]
            send(conn, "200 OK", _list_page(f"活动日历 {month}", links).encode())
            return True
        if path == "/search/":
            page = int(query.get("page", ["1"])[0] or 1)
            links = [(f"/search/?q=%E5%86%8D%E7%94%9F&page={page + 1}", "下一页"),
                     (f"/search/?q=%E5%86%8D%E7%94%9F{page}&page=1", "相关搜索")]
            send(conn, "200 OK", _list_page(f"搜索结果 第{page}页", links).encode())
            return True
        if path.startswith("/trap/"):
            send(conn, "200 OK", _list_page("目录", [("a/", "下级 a"), ("b/", "下级 b")]).encode())
            return True
        if path.startswith("/session/"):
            links = [(f"/session/list.html;jsessionid={count}{i}ABCDEF", "会话链接") for i in range(SESSION_TRAP_LINKS)]
            links += [(f"/session/list.html?sid={count}{i}x", "会话链接") for i in range(SESSION_TRAP_LINKS)]
            links += [("/news/good-1.html;jsessionid=ZZ9", "往期")]
            send(conn, "200 OK", _list_page("会员中心", links).encode())
            return True
        return False

    def _connection_fault(self, conn: socket.socket, path: str, query: dict[str, list[str]], count: int) -> bool:
        """Faults of the connection: resets, cut-short and dripping bodies, bombs, huge bodies (False: not one)."""
        send = self._send
        if path == "/fault/reset.html":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close
            return True
        if path == "/fault/midbody.html":
            body = _good(90).encode()
            head = f"{_HTML_HEAD}Content-Length: {len(body) * 3}\r\n\r\n"  # promises three times the body
            conn.sendall(head.encode() + body[:200])
            return True
        if path == "/fault/truncated-gzip.html":
            packed = gzip.compress(_good(91).encode() * 20)
            send(conn, "200 OK", packed[: len(packed) // 2], headers={"Content-Encoding": "gzip"})
            return True
        if path == "/fault/truncated-once.html":  # cut short once, whole when asked again
            packed = gzip.compress(article_html("断线重传之后的文章", [_PARAGRAPH * 2]).encode())
            body = packed[: len(packed) // 2] if count == 1 else packed
            send(conn, "200 OK", body, headers={"Content-Encoding": "gzip"})
            return True
        if path == "/fault/drip.html":
            conn.sendall(f"{_HTML_HEAD}Connection: close\r\n\r\n<html>".encode())
            for _ in range(600):  # a byte a second, for ten minutes, or until the client gives up
                time.sleep(1.0)
                conn.sendall(b" ")
            return True
        if path == "/fault/gzip-bomb.html":
            if self._bomb is None:
                self._bomb = _gzip_bomb(BOMB_BYTES)
            send(conn, "200 OK", self._bomb, headers={"Content-Encoding": "gzip"})
            return True
        if path in ("/fault/huge.html", "/fault/huge-unannounced.html"):
            announced = path == "/fault/huge.html"
            head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
            if announced:
                head += f"Content-Length: {HUGE_BYTES}\r\n"
            conn.sendall((head + "\r\n").encode())
            block = (b"<p>" + _PARAGRAPH.encode() + b"</p>\n") * 200
            sent = 0
            while sent < HUGE_BYTES:
                conn.sendall(block)
                sent += len(block)
            return True
        return False

    def _http_fault(self, conn: socket.socket, path: str, query: dict[str, list[str]], count: int) -> bool:
        """Faults of HTTP: redirect loops and chains, 429 with Retry-After, bursts of 503. False: not such a path."""
        send = self._send
        if path == "/fault/redirect-loop.html":
            send(conn, "302 Found", b"", headers={"Location": "/fault/redirect-loop.html"})
            return True
        if path.startswith("/fault/redirect-chain/"):
            step = int("".join(c for c in path if c.isdigit()) or 1)
            send(conn, "302 Found", b"", headers={"Location": f"/fault/redirect-chain/{step + 1}.html"})
            return True
        if path == "/fault/retry-after.html":
            if count == 1:
                send(conn, "429 Too Many Requests", b"slow down", "text/plain",
                     headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
                return True
            send(conn, "200 OK", article_html("限流之后的文章", [_PARAGRAPH * 2]).encode())
            return True
        if path == "/fault/burst-503.html":
            if count <= BURST_503:
                send(conn, "503 Service Unavailable", b"busy", "text/plain")
                return True
            send(conn, "200 OK", article_html("服务恢复之后的文章", [_PARAGRAPH * 2]).encode())
            return True
        return False

    def _content_fault(self, conn: socket.socket, path: str, query: dict[str, list[str]], count: int) -> bool:
        """Broken or unsafe content served as a sound 200 (and an image). False: not such a path."""
        send = self._send
        if path == "/content/binary.html":
            noise = bytes((i * 7919 + 13) % 256 for i in range(4096))
            send(conn, "200 OK", noise)
            return True
        if path == "/content/empty.html":
            send(conn, "200 OK", b"")
            return True
        if path == "/content/login.html":
            page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>会员登录</title></head><body>"
                    "<h1>会员登录</h1><form action='/login' method='post'>用户名<input name='u'>密码"
                    "<input type='password' name='p'><button>登录</button></form><p>请先登录后查看内容。</p>"
                    "</body></html>")
            send(conn, "200 OK", page.encode())
            return True
        if path == "/content/error-200.html":
            page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>404 页面不存在</title></head><body>"
                    "<h1>抱歉，您访问的页面不存在或已被删除</h1><p><a href='/'>返回首页</a></p></body></html>")
            send(conn, "200 OK", page.encode())
            return True
        if path == "/content/deep.html":
            page = article_html("深层嵌套页面中的文章", [_PARAGRAPH], body_prefix=_nested(DEEP_LEVELS))
            send(conn, "200 OK", page.encode())
            return True
        if path == "/content/bad-gbk.html":
            page = article_html("编码损坏的国标页面", [_PARAGRAPH, _PARAGRAPH], charset="gbk").encode("gbk")
            broken = page.replace("组成部分".encode("gbk"), b"\x81\xff\xfe" + "组成部分".encode("gbk"), 1)
            send(conn, "200 OK", broken, "text/html; charset=gbk")
            return True
        if path == "/content/mixed-encoding.html":
            head, tail = article_html("混合编码页面", [_PARAGRAPH, "GBK_PART"]).split("GBK_PART")
            body = head.encode("utf-8") + "这一段是国标编码".encode("gbk") + tail.encode("utf-8")
            send(conn, "200 OK", body, "text/html; charset=utf-8")
            return True
        if path == "/content/charset-conflict.html":
            page = article_html("头部与元标签编码不一致", [_PARAGRAPH, _PARAGRAPH], charset="gbk").encode("gbk")
            send(conn, "200 OK", page, "text/html; charset=utf-8")  # the header lies
            return True
        if path == "/content/entities.html":
            text = "实体&amp;符号&lt;b&gt;不是标签&lt;/b&gt;&nbsp;&#20013;&#x6587;&copy;&bogus;\x01\x07\x1b控制字符"
            send(conn, "200 OK", article_html("实体与控制字符", [_PARAGRAPH, text]).encode())
            return True
        if path == "/content/long.html":
            paragraphs = [f"第{i}段：{_PARAGRAPH}" for i in range(1, LONG_PARAGRAPHS + 1)]
            send(conn, "200 OK", article_html("一万段的长文章", paragraphs).encode())
            return True
        if path == "/content/unsafe.html":
            send(conn, "200 OK", UNSAFE_ARTICLE.encode())
            return True
        if path == "/img/a.png":
            send(conn, "200 OK", b"\x89PNG\r\n\x1a\n", "image/png")
            return True
        return False
