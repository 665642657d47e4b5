"""Serve the app with gunicorn: several workers and threads, the index built once before the workers fork."""

from __future__ import annotations

import logging
import sys

from gunicorn.app.base import BaseApplication

from . import limits, logs
from .config import Config
from .web import create_app

log = logging.getLogger(__name__)
GRACEFUL_TIMEOUT = 20  # seconds in-flight requests get to finish after SIGTERM


class _Gunicorn(BaseApplication):
    def __init__(self, config: Config) -> None:
        self.config_obj = config
        # Built here, in the master: a broken corpus stops start-up before any worker exists, and workers share the index.
        self.application = create_app(config)
        super().__init__()

    def load_config(self) -> None:
        c = self.config_obj
        settings = {
            "bind": f"[{c.host}]:{c.port}" if ":" in c.host else f"{c.host}:{c.port}",
            "workers": max(1, c.workers),
            "threads": max(1, c.threads),
            "worker_class": "gthread",
            "preload_app": True,
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "loglevel": c.log_level.lower(),
            # The app writes its own access line (method, path, status, duration); gunicorn's would add query strings.
            "accesslog": None,
            "proc_name": "chatbot",
            # No runtime control socket: nothing uses it, and instances on one host would share its path.
            "control_socket_disable": True,
            # Each worker loads the sentence model once it has forked, before its first request (about 0.3 s).
            "post_worker_init": self._warm_up,
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application

    def _warm_up(self, worker) -> None:
        engine = self.application.extensions["chatbot"]
        if engine.semantic is not None:
            engine.semantic.encoder.encode(["warm up"])


def serve(config: Config) -> int:
    """Run until SIGTERM or Ctrl-C; in-flight requests finish first, then the process exits 0."""
    logging.basicConfig(level=logging.WARNING, format=logs.FORMAT, stream=sys.stderr)
    server = _Gunicorn(config)
    level, message = limits.store_description(config)
    log.log(level, message)
    problem = limits.check_store(server.application)
    if problem:
        log.warning(problem)
    log.info(
        "serving %s on http://%s:%s with gunicorn (%d worker(s) x %d threads)",
        config.corpus,
        config.host,
        config.port,
        config.workers,
        config.threads,
    )
    server.run()
    return 0
