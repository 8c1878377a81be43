class BlurNode:
    pass
