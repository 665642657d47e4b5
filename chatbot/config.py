"""Every setting in one table: name, default, help. ``CHATBOT_<NAME>`` environment variables override them."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CORPUS = PACKAGE_DIR.parent / "corpus"


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Config:
    """The chatbot's settings; build one with ``Config.from_env()`` or ``Config(**overrides)``."""

    corpus: Path = _setting(DEFAULT_CORPUS, "Folder (or single file) of .md/.txt documents to answer from.")
    semantic: bool = _setting(True, "Rank by closeness in meaning (sentence embeddings) as well as by words, and recognise emergencies by it; 0 uses words and patterns alone.")
    host: str = _setting("127.0.0.1", "Address the HTTP server listens on.")
    port: int = _setting(8000, "Port the HTTP server listens on.")
    workers: int = _setting(1, "Server processes (each answers requests on its own threads).")
    threads: int = _setting(8, "Threads per server process.")
    log_level: str = _setting("INFO", "Logging level: DEBUG, INFO, WARNING or ERROR.")
    max_message_chars: int = _setting(1000, "Longest chat message or search query accepted, in characters.")
    max_history_items: int = _setting(10, "Most earlier user turns accepted in 'history'.")
    max_history_item_chars: int = _setting(1000, "Longest single history turn accepted, in characters.")
    max_body_bytes: int = _setting(32 * 1024, "Largest request body accepted, in bytes.")
    max_k: int = _setting(20, "Most results one staff search may ask for.")
    allowed_origins: tuple[str, ...] = _setting((), "Other origins allowed to call the API and frame the pages (comma-separated); same origin always works.")
    rate_limit: str = _setting("60 per minute", "Requests per client per period on the API; empty turns rate limiting off.")
    rate_limit_storage_uri: str = _setting("memory://", "Where rate-limit counters live; use a shared store such as redis://host:6379 with several workers.")
    trusted_proxies: int = _setting(0, "Reverse proxies in front of the server whose X-Forwarded-For header is trusted.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Config:
        """Defaults, then ``CHATBOT_*`` variables, then explicit overrides (e.g. from CLI flags)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"CHATBOT_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "int" and (not isinstance(value, int) or value < 0):
                raise ConfigError(f"{f.name} must be a whole number >= 0, not {value!r}")
        object.__setattr__(self, "corpus", Path(self.corpus))
        if isinstance(self.allowed_origins, str):
            object.__setattr__(self, "allowed_origins", _split_origins(self.allowed_origins))

    def replace(self, **changes: Any) -> Config:
        """A copy with some settings changed."""
        return dataclasses.replace(self, **changes)


_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def _split_origins(raw: str) -> tuple[str, ...]:
    return tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())


def _parse(f: dataclasses.Field, raw: str) -> Any:
    name = f"CHATBOT_{f.name.upper()}"
    if f.type == "int":
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if f.type == "Path":
        return Path(raw)
    if f.type == "bool":
        value = raw.strip().lower()
        if value not in _BOOLEANS:
            raise ConfigError(f"{name} must be 1 or 0 (true/false, yes/no, on/off), not {raw!r}")
        return _BOOLEANS[value]
    if f.name == "allowed_origins":
        return _split_origins(raw)
    return raw


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting, for docs and --help."""
    rows = []
    for f in fields(Config):
        default = f.default
        if isinstance(default, tuple):
            default = ",".join(default)
        elif isinstance(default, bool):
            default = int(default)
        if f.name == "corpus":
            default = "corpus/ (bundled article)"
        rows.append((f"CHATBOT_{f.name.upper()}", str(default), f.metadata["help"]))
    return rows
