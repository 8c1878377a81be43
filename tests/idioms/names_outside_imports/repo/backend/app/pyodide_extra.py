def never_loaded():
    return {}
