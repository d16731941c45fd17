"""Import every feature's models so Alembic and `db.create_all` see the whole schema."""

from .auth.models import User, UserRole  # noqa: F401
from .core.models import ThrottleHit  # noqa: F401
