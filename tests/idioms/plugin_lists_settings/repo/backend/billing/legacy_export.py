def export():
    return None
