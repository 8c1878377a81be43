export default async function setup() { return () => undefined; }
