// Turns DATE-TIME values into UTC instants: UTC as written, TZID through the object's own
// VTIMEZONE or else the IANA table, floating (and unknown TZIDs) in the device zone.
import { DateTime } from "./values";
import { localToUtc, offsetAt, Zone } from "./zone";
import { ZoneCache } from "./zone-cache";

/** Zone lookup for one calendar object resource. */
export class Resolver {
  /** TZIDs that matched no zone (read as device-local). */
  unknownTzids: number = 0;

  /** `iana` serves the TZIDs the object has no VTIMEZONE for (it outlives the object). */
  constructor(public device: Zone, private objectZones: Zone[], private iana: ZoneCache) {}

  /** The zone a TZID names; the device zone when it is unknown or empty. */
  zoneFor(tzid: string): Zone {
    if (tzid === "") return this.device;
    for (const z of this.objectZones) {
      if (z.name === tzid) return z;
    }
    const found = this.iana.find(tzid);
    if (found === null) {
      this.unknownTzids++;
      return this.device;
    }
    return found;
  }

  /** UTC seconds of a value; a DATE counts as midnight starting that day in the device zone. */
  toUtc(d: DateTime): number {
    if (d.isUtc) return d.local;
    if (d.isDate) return localToUtc(this.device, d.local);
    return localToUtc(this.zoneFor(d.tzid), d.local);
  }

  /** The device's day number (days since 1970 in its zone) of UTC instant t. */
  deviceDay(t: number): number {
    return Math.floor((t + offsetAt(this.device, t)) / 86400);
  }
}
