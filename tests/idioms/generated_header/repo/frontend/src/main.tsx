import { getUser } from "./api/client";

getUser("1").then(console.log);
