from app.util.pixels import clamp


class ResizeNode:
    def run(self, x):
        return clamp(x)
