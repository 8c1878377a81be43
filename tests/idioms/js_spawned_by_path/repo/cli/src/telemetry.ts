import { spawn } from "node:child_process";
import path from "node:path";

// the sender runs detached so the CLI can exit at once
const SENDER_SCRIPT = path.join(__dirname, "..", "telemetry-sender.cjs");

export function sendTelemetry() {
  spawn(process.execPath, [SENDER_SCRIPT], { detached: true, stdio: "ignore" }).unref();
}
