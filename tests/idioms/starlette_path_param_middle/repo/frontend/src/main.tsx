export const load = (owner: string, repo: string) => fetch(`/api/repository/${owner}/${repo}/microagents`);
load("a", "b");
