"""Run every benchmark in ``bench/`` (each ``bench_*.py`` module's ``main``), one after the other.

Run from the project root: ``python -m bench.run_all`` (``make bench`` does this). Each benchmark
prints its own numbers; timings are never asserted. The exit status is non-zero only when a
benchmark fails to run or reports a failed check (such as rows not matching the 201 answers).
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def bench_modules() -> list[str]:
    return sorted(f"bench.{path.stem}" for path in HERE.glob("bench_*.py"))


def main() -> int:
    """Run each benchmark module in turn; return non-zero if any failed."""
    failed = []
    for name in bench_modules():
        print(f"\n########## {name}", flush=True)
        started = time.perf_counter()
        try:
            status = importlib.import_module(name).main([])
        except SystemExit as exit_:
            status = exit_.code
        except KeyboardInterrupt:
            print(f"{name} interrupted", file=sys.stderr)
            return 130
        except Exception:  # noqa: BLE001 - report and go on with the next benchmark
            traceback.print_exc()
            status = 1
        if status not in (None, 0):
            failed.append(name)
        print(f"########## {name}: {'FAILED' if status not in (None, 0) else 'done'} "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
