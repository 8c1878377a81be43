import { Button } from "./Button";
export default { component: Button };
export const Primary = {};
