import { describeAcme } from "./describe";

export class Acme {
  description = describeAcme();
}
