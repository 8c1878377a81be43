import axios from "axios";

class ConversationService {
  static getConversationUrl(conversationId: string): string {
    return `/api/conversations/${conversationId}`;
  }

  private static buildRuntimeUrl(base: string, path: string): string {
    return `${base}${path}`;
  }

  static async getChanges(id: string) {
    const url = `${this.getConversationUrl(id)}/git/changes`;
    return axios.get(url);
  }

  static async getVSCodeUrl() {
    const url = this.buildRuntimeUrl(window.location.origin, "/api/vscode/url");
    return axios.get(url);
  }
}

export default ConversationService;
