# the image copies sandbox/ to /workspace; the agent runtime loads this plugin from there
PLUGIN_PATH = "/workspace/sandbox/plugins/audit-log.ts"


def command():
    return ["opencode", "--plugin", PLUGIN_PATH]
