import { http, HttpResponse } from "msw";

export const handlers = [
  http.get("/api/mocked", () => HttpResponse.json({})),
];
