// IANA zones kept across the calendar objects of one body (or one task store): most objects name
// one of a few TZIDs, and parsing a zone's POSIX rule again for each was 4 % of the work of
// reading and classifying a task.
// The cache lives outside scratch (lib/mem) while its lookups run in scratch, so a miss steps out of
// scratch to parse the zone, and to copy its name, into the arena the cache lives in. Only
// ZONE_CACHE_SIZE names are kept, so that arena grows by a bounded amount whatever the input.
import { copyString, scratchEnd, scratchResume } from "../lib/mem";
import { ianaZone } from "./iana-zone";
import { Zone } from "./zone";

/** Most TZIDs kept, known or not; a body naming more parses the others at each lookup. */
export const ZONE_CACHE_SIZE = 8;

/** IANA zones by TZID, parsed once; create it outside scratch, look up only in scratch. */
export class ZoneCache {
  private names: string[] = [];
  /** null for a TZID the IANA table does not know */
  private zones: (Zone | null)[] = [];
  private used: number = 0;

  constructor() {
    for (let i = 0; i < ZONE_CACHE_SIZE; i++) {
      this.names.push("");
      this.zones.push(null);
    }
  }

  /** The IANA zone `tzid` names, or null when it names none; call in scratch. */
  find(tzid: string): Zone | null {
    for (let i = 0; i < this.used; i++) {
      if (this.names[i] === tzid) return this.zones[i];
    }
    if (this.used === ZONE_CACHE_SIZE) return ianaZone(tzid);
    scratchEnd();
    const name = copyString(tzid);
    const z = ianaZone(name);
    this.names[this.used] = name;
    this.zones[this.used] = z;
    this.used++;
    scratchResume();
    return z;
  }
}
