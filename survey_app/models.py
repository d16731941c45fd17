"""Import every feature's models so Alembic and `db.create_all` see the whole schema."""

from .auth.models import User, UserRole  # noqa: F401
from .core.models import AuditEvent, ThrottleHit  # noqa: F401
from .fieldwork.models import Answer, AnswerSession, AnswerTally, AreaTally, Response, TextAnswer  # noqa: F401
from .places.models import Place  # noqa: F401
from .questionnaires.models import (  # noqa: F401
    Questionnaire,
    QuestionnaireDraft,
    QuestionnaireItem,
    QuestionnaireVersion,
)
from .safeguarding.models import ConcernLexicon, SafeguardingConcern  # noqa: F401
from .sites.models import Site  # noqa: F401
