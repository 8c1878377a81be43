class ExportRow:
    pass
