export function describeAcme() {
  return { name: "acme" };
}
