from memkit.client import Client
