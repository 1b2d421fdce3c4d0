// Middle of the chain: constants computed from base.ts's constants.
import { DOUBLE, POWERS, bump } from "./base";

/** DOUBLE plus the last power. */
export const TOTAL = DOUBLE + POWERS[POWERS.length - 1];

/** A label computed at start-up. */
export const LABEL = `total=${TOTAL} bumped=${bump(TOTAL)}`;
