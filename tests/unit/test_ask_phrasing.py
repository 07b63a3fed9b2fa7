"""The optional OpenAI-compatible rewording: off by default, used when configured, harmless when it fails."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from tradetalks.serve.ask import answer_from_index
from tradetalks.serve.index import DossierIndex
from tradetalks.serve.phrasing import phrase_answer

REPLY = "Vòng đàm phán thứ năm diễn ra tại Washington từ ngày 12 đến 14/11/2025."


class ChatHandler(BaseHTTPRequestHandler):
    """A minimal chat-completions endpoint: records the request, answers with REPLY."""

    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        length = int(self.headers.get("Content-Length", "0"))
        ChatHandler.seen.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": json.loads(self.rfile.read(length))}
        )
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": REPLY}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def chat_url() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), ChatHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ChatHandler.seen.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def answer(sample_dossier: Any) -> dict[str, Any]:
    return answer_from_index(DossierIndex(sample_dossier), "Vòng đàm phán thứ 5 diễn ra khi nào?")


def test_off_by_default(answer: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRADETALKS_LLM_URL", raising=False)
    out = phrase_answer(dict(answer))
    assert "answer_phrased" not in out and "phrasing_error" not in out


def test_rewords_with_the_configured_endpoint(
    answer: dict[str, Any], chat_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADETALKS_LLM_URL", chat_url)
    monkeypatch.setenv("TRADETALKS_LLM_MODEL", "mau-nho")
    monkeypatch.setenv("TRADETALKS_LLM_KEY", "khoa")
    out = phrase_answer(dict(answer))
    assert out["answer_phrased"] == REPLY and out["phrased_by"] == "mau-nho"
    assert out["answer"] == answer["answer"] and out["sources"] == answer["sources"]
    request = ChatHandler.seen[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer khoa"
    assert "12/11/2025" in request["body"]["messages"][1]["content"]


def test_unreachable_endpoint_keeps_the_answer(answer: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TRADETALKS_LLM_URL", f"http://127.0.0.1:{port}/v1")
    out = phrase_answer(dict(answer))
    assert "answer_phrased" not in out and "ConnectError" in out["phrasing_error"]
    assert out["answer"] == answer["answer"]


def test_not_found_answers_are_not_sent(sample_dossier: Any, chat_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADETALKS_LLM_URL", chat_url)
    out = phrase_answer(answer_from_index(DossierIndex(sample_dossier), "Giá vàng hôm nay?"))
    assert out["found"] is False and ChatHandler.seen == []
