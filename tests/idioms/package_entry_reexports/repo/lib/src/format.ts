export function formatAge(days: number) {
  return `${days}d`;
}

export default function label() {
  return "age";
}
