from app.jobs import run

if __name__ == "__main__":
    run()
