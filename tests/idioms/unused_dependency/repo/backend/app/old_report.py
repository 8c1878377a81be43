import reportlab

PAGE = reportlab.Version
