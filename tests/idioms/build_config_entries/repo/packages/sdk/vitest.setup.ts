import { resetDb } from "./src/testing/db";
resetDb();
