"""feeds.toml: the example parses; mistakes give errors naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradetalks.ingest.crawl_config import ConfigError, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "feeds.toml"


def test_example_config_names_vietnamese_outlets() -> None:
    cfg = load_config(EXAMPLE)
    hosts = {f.url.split("/")[2] for f in cfg.feeds}
    assert {"vnexpress.net", "tuoitre.vn", "www.vietnamplus.vn", "baochinhphu.vn"} <= hosts
    assert all(f.url.startswith("https://") and f.poll_minutes > 0 and f.name for f in cfg.feeds)
    assert cfg.policy.user_agent.startswith("TradeTalks/")
    assert cfg.policy.rate_limit_seconds == 2.0 and cfg.policy.max_bytes == 5_000_000


def test_command_line_feeds_are_added_once(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text('[[feed]]\nname = "Tin"\nurl = "https://a.example/rss"\n', encoding="utf-8")
    cfg = load_config(path, ["https://a.example/rss", "http://b.example/feed"])
    assert [f.url for f in cfg.feeds] == ["https://a.example/rss", "http://b.example/feed"]
    assert cfg.feeds[0].name == "Tin"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[crawler\n", "not valid TOML"),
        ('[crawler]\nspeed = 3\n', r"unknown \[crawler\] key 'speed'"),
        ('[crawler]\nrate_limit_seconds = "nhanh"\n', "rate_limit_seconds must be a number"),
        ("[crawler]\ntimeout = -1\n", "timeout must be >= 0"),
        ('[crawler]\nuser_agent = ""\n', "user_agent must be a non-empty string"),
        ("[crawler]\npages_per_commit = 0\n", "pages_per_commit must be > 0"),
        ('[[feed]]\nname = "Không có địa chỉ"\n', r"\[\[feed\]\] #1: url is missing"),
        ('[[feed]]\nurl = "file:///etc/passwd"\n', "only http and https"),
        ('[[feed]]\nurl = "https://a.example/rss"\npoll_minutes = 0\n', "poll_minutes must be > 0"),
        ('[[page]]\nurl = "ftp://a.example/tin.html"\n', r"\[\[page\]\] #1: .*only http and https"),
        ('[nguon]\nurl = "https://a.example"\n', "unknown section"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "khong-co.toml")


def test_bad_command_line_feed() -> None:
    with pytest.raises(ConfigError, match="--feed: .*only http and https"):
        load_config(None, ["file:///tmp/feed.xml"])
