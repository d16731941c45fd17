"""Places: district → street → community, with official statistical codes."""

from __future__ import annotations

import re

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

LEVELS = ("district", "street", "community")
CODE_LENGTHS = {"district": 6, "street": 9, "community": 12}
#: Official community names end in committee suffixes; people say "XX社区".
_SUFFIXES = re.compile(r"(社区居民委员会|社区居委会|居民委员会|社区居委|居委会)$")


class Place(db.Model):
    __tablename__ = "places"
    __table_args__ = (CheckConstraint("level IN ('district', 'street', 'community')", name="known_level"),)

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10), index=True)
    #: The parent's code; for a district, the city's code (e.g. 4403), which has no row.
    parent_code: Mapped[str] = mapped_column(String(12), index=True)

    @property
    def short_name(self) -> str:
        """A community's everyday name: 大塘龙社区居民委员会 → 大塘龙社区."""
        if self.level != "community":
            return self.name
        stripped = _SUFFIXES.sub("", self.name)
        return stripped if "社区" in stripped else f"{stripped}社区"
