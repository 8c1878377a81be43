def get_client():
    return "client"


def get_index():
    return "index"


def unused_helper():
    return None
