def daily():
    return None
