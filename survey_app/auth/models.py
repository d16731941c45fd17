"""Staff accounts and their roles."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models_base import TimestampMixin


class Role(enum.StrEnum):
    ADMIN = "admin"
    FACILITATOR = "facilitator"
    RESEARCHER = "researcher"
    SAFEGUARDING = "safeguarding"


ROLE_VALUES = tuple(role.value for role in Role)


class User(UserMixin, TimestampMixin, db.Model):
    """A member of staff: an admin, facilitator, researcher or safeguarding lead (or several)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Part of every signed-in cookie's user id; raising it ends every session the user has.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    role_links: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session cookie: stale once ``end_sessions`` has run."""
        return f"{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        """Sign the user out everywhere: cookies issued before now stop working on every server."""
        self.session_version = (self.session_version or 0) + 1

    @property
    def roles(self) -> set[Role]:
        return {Role(link.role) for link in self.role_links}

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def set_roles(self, roles: set[Role]) -> None:
        if self.roles - roles:  # a removed role must not live on in an open session
            self.end_sessions()
        keep = [link for link in self.role_links if Role(link.role) in roles]
        present = {Role(link.role) for link in keep}
        self.role_links = keep + [UserRole(role=role.value) for role in sorted(roles - present)]

    @property
    def name(self) -> str:
        return self.display_name or self.email


class UserRole(db.Model):
    """One role held by one user."""

    __tablename__ = "user_roles"
    __table_args__ = (CheckConstraint(f"role IN {ROLE_VALUES!r}", name="known_role"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    user: Mapped[User] = relationship(back_populates="role_links")
