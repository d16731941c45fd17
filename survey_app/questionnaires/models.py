"""Loaded instruments: immutable versions, with their items' tags for reporting joins."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models_base import utcnow


class Questionnaire(db.Model):
    """An instrument, e.g. ``me-and-my-city``; its content lives in its versions."""

    __tablename__ = "questionnaires"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    versions: Mapped[list[QuestionnaireVersion]] = relationship(
        back_populates="questionnaire", order_by="QuestionnaireVersion.version")


class QuestionnaireVersion(db.Model):
    """One immutable version; every response points at exactly one."""

    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("questionnaire_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id"))
    version: Mapped[int]
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    #: sha256 of the canonical definition: loading other content under this version is refused.
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    questionnaire: Mapped[Questionnaire] = relationship(back_populates="versions")
    items: Mapped[list[QuestionnaireItem]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="QuestionnaireItem.position")

    @property
    def label(self) -> str:
        return f"{self.questionnaire.slug} v{self.version}"


class QuestionnaireItem(db.Model):
    """An item's code and tags in one version, so reports can group by action and scale in SQL."""

    __tablename__ = "questionnaire_items"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    position: Mapped[int]
    type: Mapped[str] = mapped_column(String(20))
    section: Mapped[str] = mapped_column(String(64))
    action: Mapped[str | None] = mapped_column(String(20))
    scale: Mapped[str | None] = mapped_column(String(20))
    lundy: Mapped[str | None] = mapped_column(String(20))
    harmonise: Mapped[str | None] = mapped_column(String(20))
    #: Band ids that answer the item, e.g. "A,B,C,D".
    bands: Mapped[str] = mapped_column(String(64))
    version: Mapped[QuestionnaireVersion] = relationship(back_populates="items")


class QuestionnaireDraft(db.Model):
    """An uploaded XLSForm import that passed every check, waiting for its admin to save it as a version.

    Kept in the database, not on one app server's disk, so the save may reach any server.
    """

    __tablename__ = "questionnaire_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    slug: Mapped[str] = mapped_column(String(64))
    version: Mapped[int]
    #: The workbooks' file names, as uploaded.
    sources: Mapped[str] = mapped_column(String(500))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The definition as the YAML file to write, with comments where something was dropped.
    yaml_text: Mapped[str] = mapped_column(Text)
    #: [{"file", "sheet", "row", "column", "item", "message"}] from the import.
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    #: The media files the definition names, as one zip (our own archive, written by ``imports``).
    media: Mapped[bytes | None] = mapped_column(LargeBinary)
