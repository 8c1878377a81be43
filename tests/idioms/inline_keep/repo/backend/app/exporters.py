def export():
    return []
