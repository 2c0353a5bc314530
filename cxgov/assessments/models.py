"""Maturity frameworks (versioned), assessment cycles, respondents, answers and calibrations."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User
    from cxgov.org.models import Department

CYCLE_STATES = ("draft", "open", "calibration", "published")
PERSPECTIVES = ("self", "executive")


def pick(locale: str, en: str, zh: str) -> str:
    """The text in the reader's language, falling back to the other one."""
    return (zh or en) if str(locale).startswith("zh") else (en or zh)


class Framework(Audited, TimestampMixin, db.Model):
    """One version of a maturity framework; a version used by a cycle is never edited."""

    __tablename__ = "frameworks"
    __table_args__ = (sa.UniqueConstraint("key", "version", name="uq_frameworks_key_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(60))
    version: Mapped[int] = mapped_column(sa.Integer, default=1)
    name_en: Mapped[str] = mapped_column(sa.String(200))
    name_zh: Mapped[str] = mapped_column(sa.String(200))
    description_en: Mapped[str] = mapped_column(sa.Text, default="")
    description_zh: Mapped[str] = mapped_column(sa.Text, default="")
    level_names: Mapped[list] = mapped_column(sa.JSON)  # [{"en": "Initial", "zh": "起步"}, … 5 entries]

    dimensions: Mapped[list[Dimension]] = relationship(
        back_populates="framework", order_by="Dimension.position", cascade="all, delete-orphan")

    def name(self, locale: str) -> str:
        """Name in the reader's language."""
        return pick(locale, self.name_en, self.name_zh)

    def level_name(self, level: int, locale: str) -> str:
        """Name of level 1–5 in the reader's language."""
        entry = self.level_names[level - 1]
        return pick(locale, entry.get("en", ""), entry.get("zh", ""))

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.key} v{self.version}"


class Dimension(db.Model):
    """A group of practices, e.g. customer listening; weighted in the overall score."""

    __tablename__ = "dimensions"
    __table_args__ = (sa.UniqueConstraint("framework_id", "code", name="uq_dimensions_framework_id_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(sa.ForeignKey("frameworks.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(20))
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    name_en: Mapped[str] = mapped_column(sa.String(200))
    name_zh: Mapped[str] = mapped_column(sa.String(200))
    description_en: Mapped[str] = mapped_column(sa.Text, default="")
    description_zh: Mapped[str] = mapped_column(sa.Text, default="")
    weight: Mapped[float] = mapped_column(sa.Float, default=1.0)

    framework: Mapped[Framework] = relationship(back_populates="dimensions")
    practices: Mapped[list[Practice]] = relationship(
        back_populates="dimension", order_by="Practice.position", cascade="all, delete-orphan")

    def name(self, locale: str) -> str:
        """Name in the reader's language."""
        return pick(locale, self.name_en, self.name_zh)

    def description(self, locale: str) -> str:
        """Description in the reader's language."""
        return pick(locale, self.description_en, self.description_zh)


class Practice(db.Model):
    """A practice (a question) rated 1–5, each level described in both languages."""

    __tablename__ = "practices"
    __table_args__ = (sa.UniqueConstraint("dimension_id", "code", name="uq_practices_dimension_id_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dimension_id: Mapped[int] = mapped_column(sa.ForeignKey("dimensions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(30))
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    statement_en: Mapped[str] = mapped_column(sa.Text)
    statement_zh: Mapped[str] = mapped_column(sa.Text)
    weight: Mapped[float] = mapped_column(sa.Float, default=1.0)
    levels: Mapped[list] = mapped_column(sa.JSON)  # [{"en": …, "zh": …}] × 5, level 1 first

    dimension: Mapped[Dimension] = relationship(back_populates="practices")

    def statement(self, locale: str) -> str:
        """Statement in the reader's language."""
        return pick(locale, self.statement_en, self.statement_zh)

    def level_text(self, level: int, locale: str) -> str:
        """What level 1–5 looks like, in the reader's language."""
        entry = self.levels[level - 1]
        return pick(locale, entry.get("en", ""), entry.get("zh", ""))


class Cycle(Audited, TimestampMixin, VersionedMixin, db.Model):
    """An assessment round: who rates which departments against which framework version."""

    __tablename__ = "assessment_cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    framework_id: Mapped[int] = mapped_column(sa.ForeignKey("frameworks.id"), index=True)
    state: Mapped[str] = mapped_column(sa.String(20), default="draft")
    opens_on: Mapped[date] = mapped_column(sa.Date)
    due_on: Mapped[date] = mapped_column(sa.Date)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    framework: Mapped[Framework] = relationship()
    departments: Mapped[list[CycleDepartment]] = relationship(back_populates="cycle", cascade="all, delete-orphan")
    targets: Mapped[list[CycleTarget]] = relationship(back_populates="cycle", cascade="all, delete-orphan")
    respondents: Mapped[list[Respondent]] = relationship(back_populates="cycle", cascade="all, delete-orphan")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.name


class CycleDepartment(Audited, db.Model):
    """A department taking part in a cycle."""

    __tablename__ = "cycle_departments"

    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_cycles.id", ondelete="CASCADE"),
                                          primary_key=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), primary_key=True)

    cycle: Mapped[Cycle] = relationship(back_populates="departments")
    department: Mapped[Department] = relationship()


class CycleTarget(Audited, db.Model):
    """The target level of one dimension in a cycle."""

    __tablename__ = "cycle_targets"

    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_cycles.id", ondelete="CASCADE"),
                                          primary_key=True)
    dimension_id: Mapped[int] = mapped_column(sa.ForeignKey("dimensions.id"), primary_key=True)
    target: Mapped[float] = mapped_column(sa.Float)

    cycle: Mapped[Cycle] = relationship(back_populates="targets")


class Respondent(Audited, TimestampMixin, db.Model):
    """A person rating a department in a cycle: its own member (self) or an executive."""

    __tablename__ = "respondents"
    __table_args__ = (sa.UniqueConstraint("cycle_id", "user_id", "department_id",
                                          name="uq_respondents_cycle_id_user_id_department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_cycles.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    perspective: Mapped[str] = mapped_column(sa.String(12), default="self")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    cycle: Mapped[Cycle] = relationship(back_populates="respondents")
    user: Mapped[User] = relationship()
    department: Mapped[Department] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="respondent", cascade="all, delete-orphan")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"cycle {self.cycle_id}: user {self.user_id} → department {self.department_id} ({self.perspective})"


class Answer(Audited, TimestampMixin, VersionedMixin, db.Model):
    """One respondent's rating of one practice: a level 1–5, or not applicable."""

    __tablename__ = "answers"
    __table_args__ = (
        sa.UniqueConstraint("respondent_id", "practice_id", name="uq_answers_respondent_id_practice_id"),
        sa.CheckConstraint("level IS NULL OR (level >= 1 AND level <= 5)", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(sa.ForeignKey("respondents.id", ondelete="CASCADE"), index=True)
    practice_id: Mapped[int] = mapped_column(sa.ForeignKey("practices.id"), index=True)
    level: Mapped[int | None] = mapped_column(sa.Integer)  # None with not_applicable
    not_applicable: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    evidence: Mapped[str] = mapped_column(sa.Text, default="")

    respondent: Mapped[Respondent] = relationship(back_populates="answers")
    practice: Mapped[Practice] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"respondent {self.respondent_id}, practice {self.practice_id}"


class Calibration(Audited, TimestampMixin, db.Model):
    """A calibrated dimension score for a department, set in the calibration state with a reason."""

    __tablename__ = "calibrations"
    __table_args__ = (sa.UniqueConstraint("cycle_id", "department_id", "dimension_id",
                                          name="uq_calibrations_cycle_id_department_id_dimension_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_cycles.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"))
    dimension_id: Mapped[int] = mapped_column(sa.ForeignKey("dimensions.id"))
    score: Mapped[float] = mapped_column(sa.Float)
    reason: Mapped[str] = mapped_column(sa.Text)
    set_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"cycle {self.cycle_id}: department {self.department_id}, dimension {self.dimension_id}"
