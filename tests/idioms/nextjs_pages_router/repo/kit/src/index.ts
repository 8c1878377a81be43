export { Card } from "./Card";
