// Top of the chain: sees every module's constants already initialised.
import { LABEL, TOTAL } from "./middle";
import { POWERS, START } from "./base";

const MINE = TOTAL * 10 + START;

export function main(): void {
  console.log(LABEL);
  console.log(MINE, POWERS.join(","));
}
