"""A news site on 127.0.0.1 for the crawl soak (bench/crawl_soak.py): an RSS feed of the newest articles and one
HTML page per article, articles added while it runs. It logs when each page was first fetched."""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(slots=True)
class Published:
    """One article put on the feed: its path, words, and when it appeared (epoch seconds)."""

    path: str
    title: str
    text: str
    at: float
    fetched_at: float | None = None  # the first GET of its page


class SoakSite:
    """The site: ``publish`` adds an article to the top of the feed; the feed lists the newest ``feed_size``."""

    def __init__(self, feed_size: int = 100) -> None:
        self.feed_size = feed_size
        self.articles: dict[str, Published] = {}
        self.order: list[str] = []
        self.feed_polls = 0
        self.not_modified = 0
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.1,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def host_port(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"{host!s}:{port}"

    def start(self) -> SoakSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def publish(self, slug: str, title: str, text: str) -> Published:
        item = Published(f"/tin/{slug}.html", title, text, time.time())
        with self.lock:
            self.articles[item.path] = item
            self.order.append(item.path)
        return item

    def url(self, item: Published) -> str:
        return self.base + item.path

    # bodies ------------------------------------------------------------------------------------------------
    def feed(self) -> tuple[bytes, str]:
        """The RSS document and its ETag (the number of articles published so far)."""
        with self.lock:
            newest = [self.articles[p] for p in reversed(self.order[-self.feed_size :])]
            etag = f'"soak-{len(self.order)}"'
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title><link>{self.base}{a.path}</link>"
            f"<guid>{self.base}{a.path}</guid><pubDate>{_rfc822(a.at)}</pubDate></item>"
            for a in newest
        )
        doc = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin Thử Tải</title>'
            f"<link>{self.base}/</link><description>Bản tin thử tải</description>{items}</channel></rss>"
        )
        return doc.encode("utf-8"), etag

    def page(self, path: str) -> bytes | None:
        with self.lock:
            item = self.articles.get(path)
            if item is None:
                return None
            if item.fetched_at is None:
                item.fetched_at = time.time()
        stamp = datetime.fromtimestamp(item.at, UTC).isoformat(timespec="seconds")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in item.text.split("\n\n") if p.strip())
        title = html.escape(item.title)
        doc = (
            '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f'<title>{title}</title><meta property="og:title" content="{title}">'
            '<meta property="og:site_name" content="Tin Thử Tải">'
            f'<meta property="article:published_time" content="{stamp}"></head><body>'
            '<nav><a href="/">Trang chủ</a> | <a href="/kinh-te">Kinh tế</a></nav>'
            f'<article><h1>{title}</h1><time datetime="{stamp}">{stamp[:10]}</time>{paragraphs}</article>'
            "<footer>Tin Thử Tải, trang thử nghiệm.</footer></body></html>"
        )
        return doc.encode("utf-8")


def _rfc822(at: float) -> str:
    return format_datetime(datetime.fromtimestamp(at, UTC), usegmt=True)


def _handler_for(site: SoakSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            path = self.path.split("?", 1)[0]
            etag = None
            if path == "/robots.txt":
                body: bytes | None = b"User-agent: *\nAllow: /\n"
                kind = "text/plain; charset=utf-8"
            elif path == "/feed.xml":
                body, etag = site.feed()
                kind = "application/rss+xml; charset=utf-8"
                with site.lock:
                    site.feed_polls += 1
                    if self.headers.get("If-None-Match") == etag:
                        site.not_modified += 1
                        body = None
            else:
                body = site.page(path)
                kind = "text/html; charset=utf-8"
                if body is None:
                    self._send(404, b"not found", "text/plain; charset=utf-8")
                    return
            if body is None:  # the feed is unchanged since the crawler's last read
                self.send_response(304)
                self.send_header("ETag", str(etag))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._send(200, body, kind, etag)

        def _send(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler
