def unused_helper():
    return 1
