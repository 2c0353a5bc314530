"""Imports every feature's models so that metadata and migrations see them all."""
# --- actions ---
from cxgov.actions.models import ActionItem  # noqa: F401,E402

# --- alignment ---
from cxgov.alignment.models import AlignmentArea, AlignmentAttribute, AlignmentCell, AlignmentReview  # noqa: F401,E402
from cxgov.api.tokens import ApiToken  # noqa: F401
from cxgov.assessments.models import (  # noqa: F401
                                       Answer,
                                       Calibration,
                                       Cycle,
                                       CycleDepartment,
                                       CycleTarget,
                                       Dimension,
                                       Framework,
                                       Practice,
                                       Respondent,
)
from cxgov.assessments.result_store import StoredResult  # noqa: F401
from cxgov.audit.models import AuditEntry  # noqa: F401
from cxgov.auth.models import LoginAttempt, LoginThrottle, User, UserRole  # noqa: F401
from cxgov.org.models import Department, Organisation  # noqa: F401

# --- reports ---
from cxgov.reports.models import RenderedPdf, ReportJob, ReportVersion  # noqa: F401,E402

# --- reviews ---
from cxgov.reviews.models import Decision, QuarterlyReview, ReviewSettings  # noqa: F401,E402

# --- rhythm (reminders, inbox, e-mail, chat, calendar feeds, scheduled runs) ---
from cxgov.rhythm import (
                                       calendar_models,  # noqa: F401,E402
                                       chat_models,  # noqa: F401,E402
                                       inbox_models,  # noqa: F401,E402
                                       mail_models,  # noqa: F401,E402
                                       runs,  # noqa: F401,E402
)

# --- targets ---
from cxgov.targets.models import MonthClose, Target, TargetSettings, TargetUpdate  # noqa: F401,E402

# Each feature below adds its model import under its own marker.
# --- teams ---
from cxgov.teams.models import Handover, LeavePeriod, PoolMember, RotationPlan, TeamAssignment, Term  # noqa: F401

# --- workshops ---
from cxgov.workshops.models import (  # noqa: F401,E402
                                       Attendance,
                                       Feedback,
                                       Idea,
                                       Invitation,
                                       Workshop,
                                       WorkshopDepartment,
                                       WorkshopGoal,
)

