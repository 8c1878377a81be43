from app.jobs.email.render import render


def send_welcome(user):
    return render(user)
