def on_startup(target):
    return target


def on_shutdown(target):
    return target


def dispatch(target, event):
    handler = getattr(HANDLERS, "on_startup")
    return handler(target)


class HANDLERS:
    pass
