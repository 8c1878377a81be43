declare const pyodide: { runPython(code: string): unknown };

export function boot() {
  return pyodide.runPython(`
import micropip
from app.pyodide_boot import create_session
create_session()
`);
}
