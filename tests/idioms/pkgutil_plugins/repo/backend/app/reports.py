import os


def report_names():
    return os.listdir(os.path.join(os.path.dirname(__file__), "legacy"))
