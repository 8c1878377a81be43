import { sendTelemetry } from "./telemetry";
import { startWorker } from "./pool";

sendTelemetry();
startWorker();
