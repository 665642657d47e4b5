"""Every benchmark of benchmarks/README.md in one run, one after the other (about 10 minutes on 2 cores).

.venv/bin/python -m benchmarks.run_all | tee benchmark-run.md
.venv/bin/python -m benchmarks.run_all --quick          # scale up to 10,000 passages, HTTP 5 s per point
"""

from __future__ import annotations

import argparse

from benchmarks import cli_start, http_api, inprocess, scale
from benchmarks.common import say


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_all", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller and shorter: a check that everything runs")
    args = parser.parse_args(argv)
    failed = 0
    failed |= inprocess.main(["--passes", "5" if args.quick else "20"])
    say("")
    failed |= http_api.main(["--duration", "5" if args.quick else "10"])
    say("")
    failed |= cli_start.main(["--runs", "10" if args.quick else "30"])
    say("")
    failed |= scale.main(["--sizes", "1000", "10000"] if args.quick else [])
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
