"""What the task consumer loads: the queue and every module that defines tasks.

Run with `huey_consumer cxgov.worker.huey` (`make run` starts it beside the web server).
"""
import cxgov.reports.tasks  # noqa: F401 - registers the report tasks
from cxgov.tasks import huey  # noqa: F401 - the consumer's entry point
