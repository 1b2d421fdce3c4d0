// Device-style calendar arithmetic: civil date <-> day number, weekdays, ISO formatting.
import { utf8Length } from "../../ts-src/lib/text";

interface Civil {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): Civil {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m: m, d: d };
}

function pad(n: number, width: number): string {
  let s = String(n);
  while (utf8Length(s) < width) s = "0" + s;
  return s;
}

function iso(secs: number): string {
  const days = Math.floor(secs / 86400);
  const rem = secs - days * 86400;
  const c = civilFromDays(days);
  return `${pad(c.y, 4)}-${pad(c.m, 2)}-${pad(c.d, 2)}T${pad(Math.floor(rem / 3600), 2)}:${pad(Math.floor(rem / 60) % 60, 2)}:${pad(rem % 60, 2)}Z`;
}

export function main(): void {
  const weekdays: string[] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
  const dates: Civil[] = [];
  dates.push({ y: 1970, m: 1, d: 1 });
  dates.push({ y: 2000, m: 2, d: 29 });
  dates.push({ y: 2026, m: 11, d: 27 });
  dates.push({ y: 1969, m: 12, d: 31 });
  dates.push({ y: 2100, m: 3, d: 1 });
  dates.push({ y: 1600, m: 1, d: 1 });
  for (const c of dates) {
    const n = daysFromCivil(c.y, c.m, c.d);
    const back = civilFromDays(n);
    const wd = weekdays[((n % 7) + 7) % 7];
    console.log(n, wd, back.y === c.y && back.m === c.m && back.d === c.d, iso(n * 86400 + 3723));
  }
  console.log(iso(1795764600), iso(0), iso(-1), iso(4102444799));
}
