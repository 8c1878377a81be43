import axios from "axios";
import ConversationService from "./conversation-service";

export const getDiff = (id: string) => axios.get(`${ConversationService.getConversationUrl(id)}/git/diff`);
