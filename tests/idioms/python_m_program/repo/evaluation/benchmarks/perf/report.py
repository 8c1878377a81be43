def build(folder):
    return folder
