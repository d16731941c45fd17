"""Me and My City (我与我的城市): children's surveys and participation for child-friendly cities."""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask

from .config import load_config
from .core.urls import DatabaseIntConverter
from .extensions import babel, compress, csrf, db, login_manager, migrate
from .i18n import select_locale
from .models_base import configure_sqlite


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, error pages. No database work here."""
    instance_path = (config or {}).get("INSTANCE_PATH") or os.environ.get("SURVEY_INSTANCE_PATH") or None
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    load_config(app, config)
    app.url_map.converters["int"] = DatabaseIntConverter  # before any route is added

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=app.config.get("MIGRATIONS_DIR", "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    compress.init_app(app)

    from . import models as _models  # noqa: F401  (the whole schema, for Alembic)

    _register_blueprints(app)
    _register_hooks(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from .auth.views import bp as auth_bp
    from .core.views import bp as core_bp
    from .exports.views import bp as exports_bp
    from .fieldwork.views import bp as fieldwork_bp
    from .kiosk.views import bp as kiosk_bp
    from .paper.views import bp as paper_bp
    from .places.views import bp as places_bp
    from .questionnaires.views import bp as questionnaires_bp
    from .reports.views import bp as reports_bp
    from .safeguarding.views import bp as safeguarding_bp
    from .sites.views import bp as sites_bp

    for blueprint in (core_bp, auth_bp, places_bp, questionnaires_bp, fieldwork_bp, kiosk_bp, paper_bp,
                      safeguarding_bp, reports_bp, exports_bp, sites_bp):
        app.register_blueprint(blueprint)


def _register_hooks(app: Flask) -> None:
    from . import cli, errors, navigation, security
    from .auth import login as _login  # noqa: F401  (registers the user loader)

    navigation.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
