from billing.models import Invoice  # noqa: F401
