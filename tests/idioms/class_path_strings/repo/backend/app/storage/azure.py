class AzureStore:
    pass
