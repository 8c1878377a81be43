export const MEMORY_ENDPOINTS = {
  BASE: "/api/memories",
  BY_ID: (memoryId: string) => `/api/memories/${memoryId}`,
} as const;
