from app import main
