def nightly():
    return None
