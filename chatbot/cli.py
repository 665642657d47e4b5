"""The command line: ask, chat, search, serve and eval, thin over the engine."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, ConfigError, describe

if TYPE_CHECKING:
    from .engine import ChatEngine, Reply


class UsageError(Exception):
    """Bad usage: reported as one line on stderr with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        raise UsageError(f"{message} (see: {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m chatbot", description="Answers questions about stem cell treatments for lupus from the article's own passages.")
    parser.add_argument("--corpus", type=Path, help="folder or file of .md/.txt documents (default: the bundled article, or CHATBOT_CORPUS)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    ask = commands.add_parser("ask", help="answer one question and exit")
    ask.add_argument("question")
    ask.add_argument("--history", action="append", default=[], metavar="TURN", help="an earlier user message (repeat, oldest first)")
    ask.add_argument("--json", action="store_true", help="print exactly the API's JSON reply")

    commands.add_parser("chat", help="an interactive conversation; 'quit' or Ctrl-D ends it")

    search = commands.add_parser("search", help="ranked passages for staff, with scores and matched words")
    search.add_argument("terms")
    search.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    search.add_argument("--json", action="store_true", help="print the API's JSON")

    serve = commands.add_parser("serve", help="run the HTTP API and pages on a production WSGI server (gunicorn)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--workers", type=int, help="server processes (default 1)")
    serve.add_argument("--threads", type=int, help="threads per process (default 8)")

    evaluate = commands.add_parser("eval", help="score answer quality on a question file (JSON Lines)")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--show-misses", action="store_true", help="list every miss with what was returned")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")

    commands.add_parser("embed", help="compute the passages' sentence vectors and save them beside the corpus (faster start-up)")

    settings = commands.add_parser("settings", help="list every CHATBOT_* setting with its default")
    settings.add_argument("--markdown", action="store_true", help="print the settings as the README's Markdown table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and a non-zero exit code."""
    from .corpus import CorpusError
    from .evaluation import EvalFileError
    from .semantic import ModelError
    from .text import SynonymsError

    try:
        args = build_parser().parse_args(argv)
        config = Config.from_env(corpus=args.corpus, **{k: getattr(args, k, None) for k in ("host", "port", "workers", "threads")})
        return COMMANDS[args.command](args, config)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (CorpusError, SynonymsError, ConfigError, EvalFileError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # e.g. a corpus folder that cannot be listed
        print(f"error: cannot read {exc.filename or 'a file'}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _engine(config: Config) -> ChatEngine:
    from .engine import ChatEngine

    return ChatEngine.from_corpus(config.corpus, semantic=config.semantic)


def _check_text(text: str, name: str, config: Config) -> str:
    if not text.strip():
        raise UsageError(f"the {name} is empty")
    if len(text) > config.max_message_chars:
        raise UsageError(f"the {name} is too long ({len(text)} characters; the limit is {config.max_message_chars})")
    return text


def cmd_ask(args: argparse.Namespace, config: Config) -> int:
    question = _check_text(args.question, "question", config)
    reply = _engine(config).reply(question, args.history[-config.max_history_items :])
    print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2) if args.json else format_reply(reply))
    return 0


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    engine = _engine(config)
    history: list[str] = []
    interactive = sys.stdin.isatty()
    if interactive:
        print("Ask about stem cell treatments for lupus. Type 'quit' or press Ctrl-D to leave.\n")
    while True:
        try:
            message = input("you> " if interactive else "")
        except EOFError:
            break
        if message.strip().lower() in {"quit", "exit", ":q"}:
            break
        if not message.strip():
            continue
        message = message[: config.max_message_chars]
        reply = engine.reply(message, history[-config.max_history_items :])
        print(f"\nbot> {format_reply(reply)}\n")
        history.append(message)
    return 0


def cmd_search(args: argparse.Namespace, config: Config) -> int:
    from . import messages

    terms = _check_text(args.terms, "search", config)
    if not 1 <= args.k <= config.max_k:
        raise UsageError(f"-k must be from 1 to {config.max_k}")
    hits = _engine(config).search(terms, args.k)
    if args.json:
        from .engine import search_json

        print(json.dumps(search_json(terms, hits), ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("No passage contains those words.")
    for rank, hit in enumerate(hits, 1):
        print(f"{rank}. [{hit.score:.2f}] {hit.passage.section}  ({hit.passage.id})")
        print(f"   {hit.passage.text}")
        print(f"   matched: {', '.join(hit.matched)}")
    print(f"\n{messages.DISCLAIMER}")
    return 0


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from .server import serve

    return serve(config)


def cmd_eval(args: argparse.Namespace, config: Config) -> int:
    from .evaluation import evaluate, format_report, load_cases

    report = evaluate(_engine(config), load_cases(args.file))
    if args.json:
        print(json.dumps({"kinds": report.as_dict(), "misses": report.misses if args.show_misses else len(report.misses)}, ensure_ascii=False, indent=2))
    else:
        print(format_report(report, args.show_misses))
    return 0


def cmd_embed(args: argparse.Namespace, config: Config) -> int:
    from .corpus import corpus_folder, load_corpus
    from .semantic import EMBEDDINGS_FILE, SemanticIndex

    passages = load_corpus(config.corpus)
    target = corpus_folder(config.corpus) / EMBEDDINGS_FILE
    index = SemanticIndex.build(passages)
    index.save(target)
    print(f"saved {len(index.owner)} sentence vectors for {len(passages)} passages to {target}")
    return 0


def cmd_settings(args: argparse.Namespace, config: Config) -> int:
    if args.markdown:
        print(settings_table())
        return 0
    for name, default, help in describe():
        print(f"{name:<32} {default!s:<26} {help}")
    return 0


def settings_table() -> str:
    """Every setting as a Markdown table: variable, default, meaning."""
    rows = ["| Variable | Default | Meaning |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | {f'`{default}`' if default else '(empty)'} | {help} |" for name, default, help in describe()]
    return "\n".join(rows)


def format_reply(reply: Reply) -> str:
    """A reply as terminal text: the answer, where it comes from, suggestions and the disclaimer."""
    lines = [reply.reply]
    if reply.passages:
        lines.append(f"\n  (from: {reply.passages[0].passage.section})")
        for hit in reply.passages[1:]:
            if hit.passage.text not in reply.reply:
                lines.append(f"\n  Also relevant ({hit.passage.section}): {hit.passage.text}")
    if reply.suggestions:
        lines.append("\nYou could ask:")
        lines.extend(f"  - {s}" for s in reply.suggestions)
    lines.append(f"\n{reply.disclaimer}")
    return "\n".join(lines)


COMMANDS = {
    "ask": cmd_ask,
    "chat": cmd_chat,
    "search": cmd_search,
    "serve": cmd_serve,
    "eval": cmd_eval,
    "embed": cmd_embed,
    "settings": cmd_settings,
}
