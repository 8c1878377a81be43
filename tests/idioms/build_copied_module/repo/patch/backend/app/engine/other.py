def get_other():
    return "other"
