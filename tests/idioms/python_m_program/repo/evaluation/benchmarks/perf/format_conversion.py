from argparse import ArgumentParser

parser = ArgumentParser()
parser.add_argument("--input_path")
args = parser.parse_args()
print(args.input_path)
