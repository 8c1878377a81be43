import { logout, saveItem, submitFeedback } from "./api";

submitFeedback("c1", {});
logout("oss");
saveItem(true, "1", {});
