import os
import sys

database = sys.argv[1]
print(os.listdir(f"./{database}/versions/"))
