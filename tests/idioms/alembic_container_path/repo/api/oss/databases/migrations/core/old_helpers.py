def unused():
    return None
