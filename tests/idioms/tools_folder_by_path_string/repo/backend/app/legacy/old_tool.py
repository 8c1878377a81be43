class OldTool:
    name = "old"
