"""What the task consumer loads: the queue and every module that defines tasks.

Run with `huey_consumer cxgov.worker.huey` (`make run` starts it beside the web server).
"""
import cxgov.import_jobs  # noqa: F401 - registers the background import task
import cxgov.reports.tasks  # noqa: F401 - registers the report tasks
import cxgov.rhythm.chat  # noqa: F401 - registers the chat delivery task
import cxgov.rhythm.schedule  # noqa: F401 - registers the rhythm's periodic tick and its jobs
from cxgov.tasks import huey  # noqa: F401 - the consumer's entry point
