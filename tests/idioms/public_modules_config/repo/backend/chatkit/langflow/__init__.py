def run_flow():
    return None
