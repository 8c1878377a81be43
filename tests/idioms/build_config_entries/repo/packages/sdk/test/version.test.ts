import { version } from "../src/version";
test("v", () => expect(version).toBe("1.0.0"));
