"""Register every `flask ...` command group (the app root wires features to the engines' commands)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .auth.cli import users_cli
    from .demo.cli import demo_cli
    from .fieldwork.cli import tallies_cli
    from .places.cli import places_cli
    from .privacy.cli import build_privacy_cli
    from .questionnaires.cli import questionnaires_cli
    from .safeguarding.cli import purge_command, safeguarding_cli
    from .safeguarding.services import active_concern_terms

    privacy_cli = build_privacy_cli(saved_terms=active_concern_terms)
    # `flask privacy purge` was the command before safeguarding became its own package: cron jobs may still call it.
    privacy_cli.add_command(purge_command, "purge")
    for group in (users_cli, demo_cli, questionnaires_cli, places_cli, privacy_cli, safeguarding_cli, tallies_cli):
        app.cli.add_command(group)
