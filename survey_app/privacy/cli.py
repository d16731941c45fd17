"""`flask privacy screen`: the screening engine on the command line (one text per line in, one JSON object out).

The engine knows no feature, so the terms a safeguarding lead saved come in as a function the app
root passes (``saved_terms``); without one, the shipped default list is used.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence

import click
from flask.cli import AppGroup

from .screening import screen_lines


def build_privacy_cli(saved_terms: Callable[[], Sequence[str]] | None = None) -> AppGroup:
    """The `flask privacy` command group; ``saved_terms`` returns the concern terms in use."""
    group = AppGroup("privacy", help="Free-text screening.")

    @group.command("screen")
    @click.option("--default-terms", is_flag=True, help="Use the shipped lexicon, not the one the lead saved.")
    def screen_command(default_terms: bool) -> None:
        """Read one text per line on standard input; write one JSON object per line."""
        terms = None if default_terms or saved_terms is None else list(saved_terms())
        lines = (line.rstrip("\r\n") for line in sys.stdin)
        for result in screen_lines(lines, terms):
            click.echo(json.dumps(result, ensure_ascii=False))

    return group
