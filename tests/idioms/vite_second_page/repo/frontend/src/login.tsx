import { form } from "./loginForm";
form();
