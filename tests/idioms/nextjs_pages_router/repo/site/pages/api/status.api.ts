export default function handler(_req: unknown, res: { json: (x: unknown) => void }) { res.json({ ok: true }); }
