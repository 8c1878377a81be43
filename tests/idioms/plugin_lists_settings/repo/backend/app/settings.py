INSTALLED_APPS = [
    "billing",
    "app.plugins.slack",
]
MIDDLEWARE = ("app.middleware.timing",)
LABELS = ["reports"]
