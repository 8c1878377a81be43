import importlib
import os


def build_tool(folder_name: str, file_name: str, class_name: str):
    tools_dir = ""
    tool_paths = ["app/tools", "app/tools/external_tools"]
    for tool_path in tool_paths:
        if os.path.exists(os.path.join(os.getcwd(), tool_path, folder_name)):
            tools_dir = tool_path
            break
    module_name = ".".join(tools_dir.rstrip("/").split("/") + [folder_name, file_name])
    module = importlib.import_module(module_name)
    return getattr(module, class_name)()
