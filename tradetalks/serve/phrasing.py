"""Optional rewording of a found answer by an OpenAI-compatible chat endpoint (off unless configured).

Set ``TRADETALKS_LLM_URL`` (e.g. ``http://127.0.0.1:8080/v1``), optionally ``TRADETALKS_LLM_MODEL`` and
``TRADETALKS_LLM_KEY``. The rule-based answer and its sources stay as they are; the reworded sentence is
added as ``answer_phrased``. Any failure leaves the answer untouched and says why in ``phrasing_error``.
"""

from __future__ import annotations

import os
from typing import Any

URL_VAR, MODEL_VAR, KEY_VAR = "TRADETALKS_LLM_URL", "TRADETALKS_LLM_MODEL", "TRADETALKS_LLM_KEY"
TIMEOUT = 15.0
INSTRUCTION = {
    "vi": "Viết lại câu trả lời thành một câu tiếng Việt tự nhiên. Chỉ dùng các dữ kiện đã cho, không thêm gì.",
    "en": "Rewrite the answer as one natural English sentence. Use only the facts given; add nothing.",
}


def phrasing_enabled() -> bool:
    """Whether an endpoint is configured."""
    return bool(os.environ.get(URL_VAR))


def phrase_answer(answer: dict[str, Any]) -> dict[str, Any]:
    """Add ``answer_phrased`` to a found answer when an endpoint is configured; never raises."""
    base = os.environ.get(URL_VAR)
    if not base or not answer.get("found"):
        return answer
    lang = "en" if answer.get("lang") == "en" else "vi"
    quotes = "\n".join(f"- {s['quote']}" for s in answer.get("sources", [])[:5])
    body = {
        "model": os.environ.get(MODEL_VAR, "default"),
        "temperature": 0,
        "messages": [
            {"role": "system", "content": INSTRUCTION[lang]},
            {"role": "user", "content": f"{answer['question']}\n\n{answer['answer']}\n\n{quotes}"},
        ],
    }
    headers = {"Authorization": f"Bearer {os.environ[KEY_VAR]}"} if os.environ.get(KEY_VAR) else {}
    import httpx  # only when an endpoint is configured: the HTTP client is slow to import

    try:
        response = httpx.post(base.rstrip("/") + "/chat/completions", json=body, headers=headers, timeout=TIMEOUT)
        response.raise_for_status()
        text = str(response.json()["choices"][0]["message"]["content"]).strip()
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
        answer["phrasing_error"] = f"{base}: {type(exc).__name__}: {exc}"[:300]
        return answer
    if text:
        answer["answer_phrased"] = text[:2000]
        answer["phrased_by"] = body["model"]
    return answer
