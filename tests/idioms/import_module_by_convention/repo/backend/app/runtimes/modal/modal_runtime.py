class ModalRuntime:
    pass
