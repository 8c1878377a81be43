class DockerRuntime:
    pass
