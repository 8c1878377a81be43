export const client = { ping: async () => "pong" };
