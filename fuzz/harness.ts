// What the fuzz targets run, in the project's TypeScript subset so the same code is compiled to C
// (fuzz/*.c call these) and runs under Node. Each digest reads an input in pieces of `chunk` bytes
// and folds every event into a number: a driver compares the digest of one piece with that of
// small pieces, so a parser whose result depends on where the network split the body is caught,
// not only one that crashes.
import { MsEvent, MultistatusReader } from "../ts-src/caldav/multistatus";
import { Device, create } from "../ts-src/device/core";
import { ICalReader, DEFAULT_LINE_LIMIT } from "../ts-src/ical/reader";
import { scratchBegin, scratchEnd } from "../ts-src/lib/mem";
import { utf8Encode } from "../ts-src/lib/text";
import { classify } from "../ts-src/tasks/classify";
import { Occurrence, openOccurrences } from "../ts-src/tasks/occurrence";
import { parsePosixTz } from "../ts-src/time/posix";
import { Resolver } from "../ts-src/time/resolve";
import { ZoneCache } from "../ts-src/time/zone-cache";
import { XmlEvent, XmlTokenizer, defaultXmlLimits } from "../ts-src/xml/tokenizer";

/** 2026-11-27T09:00:00Z: classification needs a fixed "now" to be repeatable. */
const FIXED_NOW = 1795770000;
/** A zone with DST rules, so zone conversions are exercised on both sides of a change. */
const DEVICE_TZ = "CET-1CEST,M3.5.0,M10.5.0/3";
/** The account both fuzz devices use (never contacted: the driver answers every request). */
const FUZZ_URL = "http://127.0.0.1:5232/alice/tasks/";

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, 16777619) >>> 0;
}

function mixBytes(h: number, b: Uint8Array, start: number, end: number): number {
  let x = h;
  for (let i = start; i < end; i++) x = mix(x, b[i]!);
  return x;
}

function mixString(h: number, s: string): number {
  const b = utf8Encode(s);
  return mixBytes(mix(h, b.length), b, 0, b.length);
}

/** Digest of the XML tokenizer's events over `data` fed in pieces of `chunk` bytes. */
export function xmlDigest(data: Uint8Array, chunk: number): number {
  const x = new XmlTokenizer(defaultXmlLimits());
  let h = 2166136261;
  // text is folded byte by byte, so where TEXT events split does not change the digest; it joins
  // the digest at the next tag, since text just before an error arrives or not depending on
  // whether the bad byte was in the same piece
  let text = 2166136261;
  let pos = 0;
  let events = 0;
  while (true) {
    const e = x.next();
    if (e === XmlEvent.NeedMore) {
      if (pos >= data.length) x.finish();
      else {
        const end = Math.min(data.length, pos + chunk);
        x.feed(data.subarray(pos, end));
        pos = end;
      }
      continue;
    }
    events++;
    if (e === XmlEvent.Text) {
      text = mixBytes(text, x.text, x.textStart, x.textEnd);
      continue;
    }
    if (e === XmlEvent.Error) return mixString(h, x.error);
    h = mix(mix(h, text), e);
    text = 2166136261;
    if (e === XmlEvent.Eof) return h;
    h = mixString(mixString(h, x.namespaceUri()), x.localName());
    if (e === XmlEvent.Start) {
      for (let i = 0; i < x.attributeCount(); i++) {
        h = mixString(mixString(mixString(h, x.attributeNamespace(i)), x.attributeLocalName(i)), x.attributeValue(i));
      }
    }
    if (events > 10 * data.length + 10) return -1;
  }
}

/** Digest of the multistatus reader's events over `data` fed in pieces of `chunk` bytes. */
export function multistatusDigest(data: Uint8Array, chunk: number): number {
  const r = new MultistatusReader(defaultXmlLimits());
  let h = 2166136261;
  // calendar data joins the digest at the next event, as text does in xmlDigest
  let calData = 2166136261;
  let pos = 0;
  let events = 0;
  while (true) {
    const e = r.next();
    if (e === MsEvent.NeedMore) {
      if (pos >= data.length) r.finish();
      else {
        const end = Math.min(data.length, pos + chunk);
        r.feed(data.subarray(pos, end));
        pos = end;
      }
      continue;
    }
    events++;
    if (e === MsEvent.CalDataChunk) {
      calData = mixBytes(calData, r.bytes, r.start, r.end);
      continue;
    }
    if (e === MsEvent.Error) return mixString(h, r.error);
    h = mix(mix(h, calData), e);
    calData = 2166136261;
    if (e === MsEvent.Done) return h;
    if (e === MsEvent.Status || e === MsEvent.ResponseEnd) h = mix(h, r.status);
    else if (e !== MsEvent.ResponseStart && e !== MsEvent.CalDataEnd && e !== MsEvent.Calendar) h = mixString(h, r.text());
    if (events > 10 * data.length + 10) return -1;
  }
}

/**
 * Digest of one calendar object read in pieces of `chunk` bytes, then expanded into occurrences
 * and classified at a fixed time in a zone with DST, as the device does with every object.
 */
export function icalDigest(data: Uint8Array, chunk: number): number {
  // in scratch, as the device reads every object: the zone cache looks up zones there
  const zones = new ZoneCache();
  scratchBegin();
  const h = objectDigest(data, chunk, zones);
  scratchEnd();
  return h;
}

function objectDigest(data: Uint8Array, chunk: number, zones: ZoneCache): number {
  const reader = new ICalReader(DEFAULT_LINE_LIMIT);
  for (let pos = 0; pos < data.length; pos += chunk) reader.feed(data, pos, Math.min(data.length, pos + chunk));
  reader.end();
  let h = mix(mix(mix(2166136261, reader.error), reader.errorLine), reader.notes);
  if (reader.error !== 0) return h;
  const zone = parsePosixTz(DEVICE_TZ)!;
  const r = new Resolver(zone, reader.data.zones, zones);
  const occ: Occurrence[] = [];
  openOccurrences(reader.data, r, occ);
  h = mix(h, occ.length);
  for (const o of occ) {
    const t = classify(o, FIXED_NOW, r);
    if (t === null) continue;
    h = mixString(mixString(mixString(mixString(h, t.uid), t.summary), t.dueText), t.kind);
    h = mix(h, t.priority);
  }
  return h;
}

/** A device as the fuzz driver of the whole core sets it up: a collection URL, no saved state. */
export function fuzzDevice(seed: number): Device {
  return create(FUZZ_URL, "alice", "not-a-secret", DEVICE_TZ, 320, 170, seed, new Uint8Array(0));
}

/** The device fuzzDevice() becomes after a reboot with `cache` read back from flash. */
export function restoredDevice(cache: Uint8Array): Device {
  return create(FUZZ_URL, "alice", "not-a-secret", DEVICE_TZ, 320, 170, 1, cache);
}
