from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    STORAGE_CLASS: str = "app.storage.s3.S3Store"


settings = Settings()
