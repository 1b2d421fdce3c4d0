// Zones for TZIDs that an object names without including their VTIMEZONE.
import { POSIX_RULES, ZONE_NAMES, ZONE_RULE } from "./iana";
import { compareStrings } from "../lib/text";
import { parsePosixTz } from "./posix";
import { Zone } from "./zone";

/** Index of `name` in ZONE_NAMES (sorted by gen-iana.mjs), or -1: a binary search, as objects name zones often. */
function nameIndex(name: string): number {
  let lo = 0;
  let hi = ZONE_NAMES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareStrings(ZONE_NAMES[mid]!, name);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index of an IANA name, also inside prefixed TZIDs such as `/mozilla.org/20070129_1/Europe/Berlin`; -1 if unknown. */
function zoneIndex(tzid: string): number {
  const direct = nameIndex(tzid);
  if (direct >= 0 || !tzid.startsWith("/")) return direct;
  const parts = tzid.split("/");
  for (let k = 3; k >= 1; k--) {
    if (parts.length <= k) continue;
    const tail = parts.slice(parts.length - k, parts.length).join("/");
    const i = nameIndex(tail);
    if (i >= 0) return i;
  }
  return -1;
}

/** The current rule of IANA zone `tzid`, or null when the name is unknown. */
export function ianaZone(tzid: string): Zone | null {
  const i = zoneIndex(tzid);
  if (i < 0) return null;
  const z = parsePosixTz(POSIX_RULES[ZONE_RULE[i]!]!);
  if (z !== null) z.name = tzid;
  return z;
}
