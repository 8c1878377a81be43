import ConversationService from "./conversation-service";
import { getDiff } from "./diff";

ConversationService.getChanges("1");
ConversationService.getVSCodeUrl();
getDiff("1");
