"""Register every `flask ...` command group."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .auth.cli import users_cli
    from .demo.cli import demo_cli
    from .places.cli import places_cli
    from .privacy.cli import privacy_cli
    from .questionnaires.cli import questionnaires_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(questionnaires_cli)
    app.cli.add_command(places_cli)
    app.cli.add_command(privacy_cli)
