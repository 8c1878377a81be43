def crawler_available():
    return True


def docling_available():
    return False


def legacy_probe():
    return False


# engine -> the probe that says whether it can run, looked up by name below
_RUNTIMES = {"crawler": "crawler_available", "docling": "docling_available"}


def runtime_missing(engine):
    probe = globals()[_RUNTIMES[engine]]
    return not probe()
