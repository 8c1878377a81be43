def evaluate(output, expected):
    return output == expected
