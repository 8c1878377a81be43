"""An operator tool."""
# deadcode: keep run by hand during incidents (see the runbook)
import os

print(os.getcwd())
