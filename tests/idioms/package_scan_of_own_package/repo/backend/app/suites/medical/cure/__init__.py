NAME = "cure"
