from evaluation.benchmarks.perf.shared import load

if __name__ == "__main__":
    load()
