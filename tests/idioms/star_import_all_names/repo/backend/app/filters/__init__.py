# the star import of this package imports the submodules __all__ names
__all__ = ["sharpen"]
