from celery import Celery

celery_app = Celery("app")

TASK_PACKAGES = ["app.jobs.cleanup"]


def only_enabled(modules: list[str]) -> list[str]:
    return modules


celery_app.autodiscover_tasks(only_enabled(["app.jobs.email", "app.jobs.reports"]))
celery_app.autodiscover_tasks(TASK_PACKAGES, related_name="jobs")
