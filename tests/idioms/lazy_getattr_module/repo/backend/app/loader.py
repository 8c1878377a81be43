from app import models

models.user
