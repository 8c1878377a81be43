import axios from "axios";

export const api = axios.create({ baseURL: "/api" });

export async function submitFeedback(cid: string, feedback: object) {
  const url = `/conversations/${cid}/submit-feedback`;
  const { data } = await api.post(url, feedback);
  return data;
}

export async function logout(mode: string) {
  const endpoint = mode === "saas" ? "/logout" : "/unset-provider-tokens";
  await api.post(endpoint);
}

export async function saveItem(isEdit: boolean, id: string, item: object) {
  const send = isEdit ? api.put : api.post;
  let target = "/items";
  if (isEdit) target = `/items/${id}`;
  return send(target, item);
}
