from tools import helpers  # noqa: F401

if __name__ == "__main__":
    pass
