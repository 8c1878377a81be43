PROMPT = "unused"
