"""Serve the app with gunicorn: several workers and threads, the index built once before the workers fork."""

from __future__ import annotations

import logging
import sys

from gunicorn.app.base import BaseApplication

from .config import Config
from .web import create_app


class _Gunicorn(BaseApplication):
    def __init__(self, config: Config) -> None:
        self.config_obj = config
        self.application = create_app(config)  # built here, in the master: workers share it after fork
        super().__init__()

    def load_config(self) -> None:
        c = self.config_obj
        settings = {
            "bind": f"[{c.host}]:{c.port}" if ":" in c.host else f"{c.host}:{c.port}",
            "workers": max(1, c.workers),
            "threads": max(1, c.threads),
            "worker_class": "gthread",
            "preload_app": True,
            "graceful_timeout": 20,
            "loglevel": c.log_level.lower(),
            "accesslog": None,
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def serve(config: Config) -> int:
    """Run until SIGTERM or Ctrl-C; in-flight requests finish first."""
    logging.basicConfig(level=config.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    print(f"Serving {config.corpus} on http://{config.host}:{config.port} with gunicorn ({config.workers} worker(s) x {config.threads} threads)", file=sys.stderr)
    _Gunicorn(config).run()
    return 0
