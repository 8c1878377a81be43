export async function fetchPost(id: string) {
  return { id };
}
