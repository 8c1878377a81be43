import requests


def main():
    return requests.get("https://api.github.com/user").json()


if __name__ == "__main__":
    main()
