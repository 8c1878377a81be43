def evaluate(output):
    return len(output.split())
