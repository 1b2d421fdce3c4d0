// Streaming, namespace-aware XML tokenizer with a pull API.
//
// The driver feeds byte chunks split anywhere; `next()` returns one event at a time. Every partial
// token lives in buffers sized once at construction (see XmlLimits), so memory stays bounded no
// matter how large the document or how small the chunks: long text arrives as several TEXT events.
// DTDs are refused outright, which also rules out external and custom entities.

import { fromCodePoint, utf8Decode, utf8Encode } from "../lib/text";
import { utf8CharEnd } from "../time/bytes";

/** What `next()` found. */
export enum XmlEvent {
  Start = 1,
  End = 2,
  Text = 3,
  NeedMore = 4,
  Error = 5,
  Eof = 6,
}

/** Fixed capacities; exceeding one is a specific error, never growth. */
export interface XmlLimits {
  /** bytes per TEXT event; longer text arrives in several events */
  textBuffer: number;
  /** bytes of one start tag's qualified name plus all its attribute names and values */
  tagBuffer: number;
  /** bytes of one qualified element or attribute name */
  nameLength: number;
  /** attributes on one element */
  attributes: number;
  /** open elements */
  depth: number;
  /** namespace declarations in scope at once */
  namespaces: number;
  /** bytes of all in-scope namespace prefixes and URIs */
  namespaceBytes: number;
}

/** Limits that fit CalDAV multistatus bodies in a few KB of RAM. */
export function defaultXmlLimits(): XmlLimits {
  const limits: XmlLimits = {
    textBuffer: 2048,
    tagBuffer: 2048,
    nameLength: 128,
    attributes: 24,
    depth: 40,
    namespaces: 48,
    namespaceBytes: 2048,
  };
  return limits;
}

const S_CONTENT = 0;
const S_LT = 1;
const S_START_NAME = 2;
const S_IN_TAG = 3;
const S_ATTR_NAME = 4;
const S_ATTR_EQ = 5;
const S_ATTR_QUOTE = 6;
const S_ATTR_VALUE = 7;
const S_AFTER_VALUE = 8;
const S_EMPTY_SLASH = 9;
const S_END_NAME = 10;
const S_END_SPACE = 11;
const S_ENTITY = 12;
const S_BANG = 13;
const S_COMMENT = 14;
const S_CDATA = 15;
const S_PI = 16;

const MAX_ENTITY = 10;
const XML_PREFIX = utf8Encode("xml");
const XML_NS_URI = utf8Encode("http://www.w3.org/XML/1998/namespace");
const CDATA_OPEN = utf8Encode("[CDATA[");
const BOM = utf8Encode("\uFEFF");
const EMPTY = new Uint8Array(0);

/** Whether text byte `b` passes through content unchanged: printable ASCII but '<' and '&', tab, LF. */
function isPlain(b: number): boolean {
  // printable ASCII first: that is nearly every byte
  if (b >= 0x20 && b < 0x80) return b !== 0x3c && b !== 0x26;
  return b === 0x0a || b === 0x09;
}

/** isPlain of every byte value: a table lookup is a few instructions a byte cheaper. */
const PLAIN = plainTable();

function plainTable(): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) t[b] = isPlain(b) ? 1 : 0;
  return t;
}

/** isNameChar of the ASCII bytes (copyName leaves the others to step()). */
const NAME_ASCII = nameTable();

function nameTable(): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0; b < 128; b++) t[b] = isNameChar(b) ? 1 : 0;
  return t;
}

/** End of the bytes from input[i] on, before `end`, that pass through content unchanged (isPlain). */
function plainEnd(input: Uint8Array, i: number, end: number): number {
  while (i < end && PLAIN[input[i]] !== 0) i++;
  return i;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function isNameStart(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || b === 0x3a || b >= 0x80;
}

function isNameChar(b: number): boolean {
  return isNameStart(b) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2e;
}

function hexDigit(v: number): string {
  return fromCodePoint(v < 10 ? 0x30 + v : 0x57 + v);
}

function hex2(b: number): string {
  return hexDigit((b >> 4) & 15) + hexDigit(b & 15);
}

function printable(b: number): string {
  return b > 0x20 && b < 0x7f ? "'" + fromCodePoint(b) + "'" : "0x" + hex2(b);
}

function bytesEqual(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) {
    if (a[aStart + i] !== b[bStart + i]) return false;
  }
  return true;
}

/** Code point of the entity name e[start, end) (between `&` and `;`), or -1. */
function codePointOf(e: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n >= 2 && e[start] === 0x23) {
    const isHex = e[start + 1] === 0x78;
    let v = 0;
    const from = isHex ? start + 2 : start + 1;
    if (from >= end) return -1;
    for (let i = from; i < end; i++) {
      const c = e[i];
      let d = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (isHex && c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (isHex && c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      if (d < 0) return -1;
      // v is at most 0x10ffff before this step: Math.imul and `| 0` are exact and keep it a C int
      v = (Math.imul(v, isHex ? 16 : 10) + d) | 0;
      if (v > 0x10ffff) return 0x110000;
    }
    return v;
  }
  const a = e[start];
  if (n === 2 && a === 0x6c && e[start + 1] === 0x74) return 0x3c;
  if (n === 2 && a === 0x67 && e[start + 1] === 0x74) return 0x3e;
  if (n === 3 && a === 0x61 && e[start + 1] === 0x6d && e[start + 2] === 0x70) return 0x26;
  if (n === 4 && a === 0x61 && e[start + 1] === 0x70 && e[start + 2] === 0x6f && e[start + 3] === 0x73) return 0x27;
  if (n === 4 && a === 0x71 && e[start + 1] === 0x75 && e[start + 2] === 0x6f && e[start + 3] === 0x74) return 0x22;
  return -1;
}

/** Whether a character reference may name cp (XML 1.0 Char). */
function isXmlChar(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Pull tokenizer: feed(chunk) after NeedMore, finish() at end of input, next() for events. */
export class XmlTokenizer {
  private limits: XmlLimits;
  private input: Uint8Array = EMPTY;
  private inPos: number = 0;
  private finished: boolean = false;
  private state: number = S_CONTENT;
  /**
   * absolute offset of input[0]: every byte consumed moves inPos alone, so the per-byte work
   * stays in C ints (offsets are doubles: a stream may outgrow int32)
   */
  private chunkStart: number = 0;
  private failed: boolean = false;
  private ended: boolean = false;
  /** the error message after Error */
  error: string = "";

  // UTF-8 validation state carried across chunks
  private u8need: number = 0;
  private u8lo: number = 0x80;
  private u8hi: number = 0xbf;
  /** bytes of a byte order mark seen at the start, -1 once past it */
  private bomSeen: number = 0;
  private lastCr: boolean = false;

  /**
   * Bytes of the current TEXT event: text[textStart, textEnd). `text` is either the tokenizer's
   * own buffer (text with entities, line ends or UTF-8 sequences) or the chunk being read, which
   * plain runs are handed out of without a copy.
   */
  text: Uint8Array;
  textStart: number = 0;
  textEnd: number = 0;
  /** text being gathered in `buf` for the next TEXT event */
  private buf: Uint8Array;
  private bufLen: number = 0;
  private textEmitted: boolean = false;

  // start or end tag being read: qualified name, then attribute names and values
  private tag: Uint8Array;
  private tagLen: number = 0;
  private nameStart: number = 0;
  private qnameEnd: number = 0;
  private cpBytes: Uint8Array = new Uint8Array(4);
  private attrCount: number = 0;
  /** per attribute: name start, name end, value start, value end, local start, ns start, ns end */
  private attrs: Int32Array;
  private quote: number = 0;
  private entity: Uint8Array = new Uint8Array(MAX_ENTITY);
  private entityLen: number = 0;
  private entityInAttr: boolean = false;
  private marks: number = 0;
  private bangPos: number = 0;

  // namespace declarations in scope; entry 0 is the predefined `xml` prefix
  private nsData: Uint8Array;
  private nsUsed: number = 0;
  private nsCount: number = 0;
  /** per declaration: prefix start, prefix end (= URI start), URI end */
  private nsDecl: Int32Array;

  // open elements: qualified name bytes plus resolved namespace per level
  private stackData: Uint8Array;
  private stackUsed: number = 0;
  /** number of open elements; during END it still counts the closing element */
  depth: number = 0;
  /** per level: qname start, qname end, local start, ns start, ns end, nsCount mark, nsUsed mark */
  private levels: Int32Array;
  // the innermost open element's local name in stackData and namespace in nsData, kept at hand for
  // the name tests a reader makes on every START event
  private elLocal: number = 0;
  private elEnd: number = 0;
  private elNs: number = 0;
  private elNsEnd: number = 0;
  private rootSeen: boolean = false;
  private endPending: boolean = false;
  private popPending: boolean = false;

  constructor(limits: XmlLimits) {
    this.limits = limits;
    this.buf = new Uint8Array(limits.textBuffer);
    this.text = this.buf;
    this.tag = new Uint8Array(limits.tagBuffer);
    this.attrs = new Int32Array(limits.attributes * 7);
    this.nsData = new Uint8Array(limits.namespaceBytes + 64);
    this.nsDecl = new Int32Array((limits.namespaces + 1) * 3);
    this.stackData = new Uint8Array(limits.depth * limits.nameLength);
    this.levels = new Int32Array(limits.depth * 7);
    this.nsData.set(XML_PREFIX, 0);
    this.nsData.set(XML_NS_URI, XML_PREFIX.length);
    this.nsDecl[0] = 0;
    this.nsDecl[1] = XML_PREFIX.length;
    this.nsDecl[2] = XML_PREFIX.length + XML_NS_URI.length;
    this.reset();
  }

  /** Forgets the current document and starts a new one, keeping the buffers. */
  reset(): void {
    this.input = EMPTY;
    this.inPos = 0;
    this.finished = false;
    this.state = S_CONTENT;
    this.chunkStart = 0;
    this.failed = false;
    this.ended = false;
    this.error = "";
    this.u8need = 0;
    this.u8lo = 0x80;
    this.u8hi = 0xbf;
    this.bomSeen = 0;
    this.lastCr = false;
    this.bufLen = 0;
    this.text = this.buf;
    this.textStart = 0;
    this.textEnd = 0;
    this.textEmitted = false;
    this.tagLen = 0;
    this.nameStart = 0;
    this.qnameEnd = 0;
    this.attrCount = 0;
    this.entityLen = 0;
    this.marks = 0;
    this.bangPos = 0;
    this.nsUsed = this.nsDecl[2];
    this.nsCount = 1;
    this.stackUsed = 0;
    this.depth = 0;
    this.innermost();
    this.rootSeen = false;
    this.endPending = false;
    this.popPending = false;
  }

  /** Hands over the next chunk; it must stay unchanged until next() returns NeedMore again. */
  feed(chunk: Uint8Array): void {
    this.chunkStart += this.inPos;
    this.input = chunk;
    this.inPos = 0;
  }

  /** Marks the end of input: next() then reports Eof or a truncation error. */
  finish(): void {
    this.finished = true;
  }

  /** Absolute byte offset of the input consumed so far. */
  position(): number {
    return this.chunkStart + this.inPos;
  }

  /** Advances to the next event. */
  next(): number {
    if (this.failed) return XmlEvent.Error;
    if (this.ended) return XmlEvent.Eof;
    if (this.textEmitted) {
      this.textEmitted = false;
      this.bufLen = 0;
      // the chunk a plain run came from may be gone after NeedMore
      this.text = this.buf;
      this.textEnd = 0;
    }
    if (this.popPending) {
      this.popPending = false;
      this.popLevel();
    }
    if (this.endPending) {
      this.endPending = false;
      this.popPending = true;
      return XmlEvent.End;
    }
    const cap = this.buf.length;
    while (this.inPos < this.input.length) {
      // keep room for one decoded entity or two held-back CDATA brackets plus a byte
      if (this.bufLen > cap - 4) return this.emitText();
      if (this.u8need === 0) {
        const st = this.state;
        if (st === S_CONTENT) {
          if (this.depth > 0 && !this.lastCr) {
            if (this.bufLen === 0) {
              // after a tag comes another tag more often than text
              if (this.input[this.inPos] === 0x3c) {
                const ev = this.tagAhead();
                if (ev !== 0) return ev;
              } else {
                const run = this.textRunEnd(cap - 3);
                if (run > this.inPos) return this.emitRun(run);
              }
            } else if (isPlain(this.input[this.inPos])) {
              // text already buffered (after an entity: `&#13;` ends every line Radicale sends)
              // takes the run too, so the text is not cut into an event per line
              const run = this.textRunEnd(cap - 4 - this.bufLen);
              if (run === this.inPos) return this.emitText();
              this.appendRun(run);
              continue;
            }
            if (this.input[this.inPos] === 0x26) {
              const ev = this.entityAhead();
              if (ev === 0) continue;
              if (ev > 0) return ev;
            }
          }
        } else if (st === S_START_NAME || st === S_END_NAME || st === S_ATTR_NAME) {
          // the run stops at the input's end, a limit or a byte that is no ASCII name character,
          // which step() takes next: copyName would find nothing more to copy
          this.copyName();
          if (this.inPos >= this.input.length) continue;
        }
      }
      const b = this.input[this.inPos];
      this.inPos = (this.inPos + 1) | 0;
      if (!this.checkByte(b)) return XmlEvent.Error;
      // XML 1.0 §2.11: CRLF and lone CR reach the application as LF (a `&#13;` reference stays CR)
      const afterCr = this.lastCr;
      this.lastCr = b === 0x0d;
      if (b === 0x0a && afterCr) continue;
      const ev = this.step(b === 0x0d ? 0x0a : b);
      if (ev !== 0) return ev;
    }
    if (this.bufLen > 0) return this.emitText();
    if (!this.finished) return XmlEvent.NeedMore;
    return this.atEnd();
  }

  /** Local name of the element of the current START or END event. */
  localName(): string {
    return utf8Decode(this.stackData, this.elLocal, this.elEnd);
  }

  /** Namespace URI of the element of the current START or END event ("" for none). */
  namespaceUri(): string {
    return utf8Decode(this.nsData, this.elNs, this.elNsEnd);
  }

  /** Whether the current element's local name is `local` (UTF-8). */
  hasLocalName(local: Uint8Array): boolean {
    return bytesEqual(this.stackData, this.elLocal, this.elEnd, local, 0, local.length);
  }

  /** Whether the current element's namespace URI is `ns` (UTF-8). */
  inNamespace(ns: Uint8Array): boolean {
    return bytesEqual(this.nsData, this.elNs, this.elNsEnd, ns, 0, ns.length);
  }

  /** Number of attributes of the element of the current START event (xmlns ones included). */
  attributeCount(): number {
    return this.attrCount;
  }

  /** Local name of attribute i of the current START event. */
  attributeLocalName(i: number): string {
    return utf8Decode(this.tag, this.attrs[i * 7 + 4], this.attrs[i * 7 + 1]);
  }

  /** Namespace URI of attribute i ("" for unprefixed attributes). */
  attributeNamespace(i: number): string {
    return utf8Decode(this.nsData, this.attrs[i * 7 + 5], this.attrs[i * 7 + 6]);
  }

  /** Entity-decoded value of attribute i. */
  attributeValue(i: number): string {
    return utf8Decode(this.tag, this.attrs[i * 7 + 2], this.attrs[i * 7 + 3]);
  }

  /** Value of the attribute with namespace `ns` and local name `local`, "" when absent. */
  attributeValueOf(ns: Uint8Array, local: Uint8Array): string {
    for (let i = 0; i < this.attrCount; i++) {
      const a = i * 7;
      if (
        bytesEqual(this.nsData, this.attrs[a + 5], this.attrs[a + 6], ns, 0, ns.length) &&
        bytesEqual(this.tag, this.attrs[a + 4], this.attrs[a + 1], local, 0, local.length)
      ) {
        return this.attributeValue(i);
      }
    }
    return "";
  }

  private fail(message: string): number {
    // the byte being processed is the last one consumed
    return this.failAt(message, this.chunkStart + this.inPos - 1);
  }

  private failAt(message: string, at: number): number {
    this.failed = true;
    this.error = `${message} at byte ${at}`;
    return XmlEvent.Error;
  }

  private emitText(): number {
    this.textEmitted = true;
    this.text = this.buf;
    this.textStart = 0;
    this.textEnd = this.bufLen;
    return XmlEvent.Text;
  }

  /** Hands out input[inPos, end) as a TEXT event without copying it, and moves past it. */
  private emitRun(end: number): number {
    this.textEmitted = true;
    this.text = this.input;
    this.textStart = this.inPos;
    this.textEnd = end;
    this.inPos = end;
    return XmlEvent.Text;
  }

  /** Appends input[inPos, end) to the text buffer and moves past it. */
  private appendRun(end: number): void {
    this.buf.set(this.input.subarray(this.inPos, end), this.bufLen);
    this.bufLen = (this.bufLen + end - this.inPos) | 0;
    this.inPos = end;
  }

  /**
   * Decodes the entity reference at the input position when it lies whole in the input, as
   * stepping through it byte by byte would; -1 when it does not (then it is stepped through).
   */
  private entityAhead(): number {
    const input = this.input;
    const from = (this.inPos + 1) | 0;
    let end = input.length;
    this.entityInAttr = false;
    // `&#13;` ends every line of the calendar data Radicale sends
    if (end - from >= 4 && input[from] === 0x23 && input[from + 1] === 0x31 && input[from + 2] === 0x33 && input[from + 3] === 0x3b) {
      this.inPos = (from + 4) | 0;
      this.putText(0x0d);
      return 0;
    }
    if (end - from > MAX_ENTITY + 1) end = (from + MAX_ENTITY + 1) | 0;
    // printable ASCII up to the `;` only, which passes checkByte; anything else is stepped through for its error
    let semi = from;
    while (semi < end && input[semi] > 0x20 && input[semi] < 0x7f && input[semi] !== 0x3b) semi++;
    if (semi >= end || input[semi] !== 0x3b) return -1;
    const cp = codePointOf(input, from, semi);
    if (cp < 0 || !isXmlChar(cp)) {
      // stepEntity words the error from the entity's bytes
      this.entity.set(input.subarray(from, semi), 0);
      this.entityLen = (semi - from) | 0;
      this.inPos = (semi + 1) | 0;
      return this.stepEntity(0x3b);
    }
    this.inPos = (semi + 1) | 0;
    if (cp < 0x80) {
      this.putText(cp);
      return 0;
    }
    return this.putCodePoint(cp);
  }

  /**
   * Reads the tag at the input position in one go when it lies whole in the input and is a plain
   * `<name>`, `<name/>` or `</name>` with an ASCII name within the limits, inside the root element:
   * the event stepping through it byte by byte would give, or 0 (nothing consumed) for any other.
   */
  private tagAhead(): number {
    const input = this.input;
    const end = input.length;
    let i = (this.inPos + 1) | 0;
    if (i >= end) return 0;
    const closing = input[i] === 0x2f;
    if (closing) i = (i + 1) | 0;
    else if (!isNameStart(input[i]) || input[i] >= 0x80) return 0;
    const from = i;
    while (i < end && NAME_ASCII[input[i]] !== 0) i++;
    const n = (i - from) | 0;
    if (n === 0 || n > this.limits.nameLength || n > this.tag.length || i >= end) return 0;
    let empty = false;
    if (input[i] === 0x2f && !closing) {
      if (i + 1 >= end || input[i + 1] !== 0x3e) return 0;
      empty = true;
      i = (i + 1) | 0;
    } else if (input[i] !== 0x3e) return 0;
    this.tag.set(input.subarray(from, from + n), 0);
    this.tagLen = n;
    this.nameStart = 0;
    this.inPos = (i + 1) | 0;
    if (closing) return this.finishEnd();
    this.attrCount = 0;
    this.qnameEnd = n;
    return this.finishStart(empty);
  }

  /** UTF-8 well-formedness (no overlongs, surrogates or values past U+10FFFF) and XML's control-character ban. */
  private checkByte(b: number): boolean {
    if (this.u8need > 0) {
      if (b < this.u8lo || b > this.u8hi) {
        this.fail(`invalid UTF-8 continuation byte 0x${hex2(b)}`);
        return false;
      }
      this.u8need--;
      this.u8lo = 0x80;
      this.u8hi = 0xbf;
      return true;
    }
    if (b < 0x80) {
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) {
        this.fail(`control character 0x${hex2(b)} not allowed in XML`);
        return false;
      }
      return true;
    }
    if (b >= 0xc2 && b <= 0xdf) this.u8need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      this.u8need = 2;
      if (b === 0xe0) this.u8lo = 0xa0;
      if (b === 0xed) this.u8hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      this.u8need = 3;
      if (b === 0xf0) this.u8lo = 0x90;
      if (b === 0xf4) this.u8hi = 0x8f;
    } else {
      this.fail(`invalid UTF-8 lead byte 0x${hex2(b)}`);
      return false;
    }
    return true;
  }

  /** Consumes one byte; returns an event code or 0 to keep going. */
  private step(b: number): number {
    if (this.bomSeen >= 0) {
      // a byte order mark may open the document and carries no content: the document's first
      // bytes all come through here, so bomSeen is the position of this byte while they match
      if (this.bomSeen < BOM.length && b === BOM[this.bomSeen]) {
        this.bomSeen++;
        return 0;
      }
      this.bomSeen = -1;
    }
    switch (this.state) {
      case S_CONTENT:
        return this.stepContent(b);
      case S_LT:
        return this.stepLt(b);
      case S_START_NAME:
        if (isNameChar(b)) return this.tagByte(b, true);
        this.tagNameDone();
        if (isSpace(b)) {
          this.state = S_IN_TAG;
          return 0;
        }
        if (b === 0x2f) {
          this.state = S_EMPTY_SLASH;
          return 0;
        }
        if (b === 0x3e) return this.finishStart(false);
        return this.fail(`unexpected ${printable(b)} in element name`);
      case S_IN_TAG:
        if (isSpace(b)) return 0;
        if (b === 0x2f) {
          this.state = S_EMPTY_SLASH;
          return 0;
        }
        if (b === 0x3e) return this.finishStart(false);
        if (!isNameStart(b)) return this.fail("expected an attribute name");
        if (this.attrCount >= this.limits.attributes) return this.fail(`more than ${this.limits.attributes} attributes`);
        this.attrs[this.attrCount * 7] = this.tagLen;
        this.nameStart = this.tagLen;
        this.state = S_ATTR_NAME;
        return this.tagByte(b, true);
      case S_ATTR_NAME:
        if (isNameChar(b)) return this.tagByte(b, true);
        this.attrs[this.attrCount * 7 + 1] = this.tagLen;
        if (isSpace(b)) {
          this.state = S_ATTR_EQ;
          return 0;
        }
        if (b === 0x3d) {
          this.state = S_ATTR_QUOTE;
          return 0;
        }
        return this.fail("expected '=' after attribute name");
      case S_ATTR_EQ:
        if (isSpace(b)) return 0;
        if (b === 0x3d) {
          this.state = S_ATTR_QUOTE;
          return 0;
        }
        return this.fail("expected '=' after attribute name");
      case S_ATTR_QUOTE:
        if (isSpace(b)) return 0;
        if (b === 0x22 || b === 0x27) {
          this.quote = b;
          this.attrs[this.attrCount * 7 + 2] = this.tagLen;
          this.state = S_ATTR_VALUE;
          return 0;
        }
        return this.fail("expected a quoted attribute value");
      case S_ATTR_VALUE:
        if (b === this.quote) {
          this.attrs[this.attrCount * 7 + 3] = this.tagLen;
          this.attrCount = (this.attrCount + 1) | 0;
          this.state = S_AFTER_VALUE;
          return 0;
        }
        if (b === 0x3c) return this.fail("'<' not allowed in attribute value");
        if (b === 0x26) return this.startEntity(true);
        // attribute-value normalisation: literal whitespace becomes a space
        return this.tagByte(isSpace(b) ? 0x20 : b, false);
      case S_AFTER_VALUE:
        if (isSpace(b)) {
          this.state = S_IN_TAG;
          return 0;
        }
        if (b === 0x2f) {
          this.state = S_EMPTY_SLASH;
          return 0;
        }
        if (b === 0x3e) return this.finishStart(false);
        return this.fail("expected whitespace between attributes");
      case S_EMPTY_SLASH:
        if (b === 0x3e) return this.finishStart(true);
        return this.fail("expected '>' after '/'");
      case S_END_NAME:
        if (isNameChar(b)) return this.tagByte(b, true);
        if (isSpace(b)) {
          this.state = S_END_SPACE;
          return 0;
        }
        if (b === 0x3e) return this.finishEnd();
        return this.fail(`unexpected ${printable(b)} in end tag`);
      case S_END_SPACE:
        if (isSpace(b)) return 0;
        if (b === 0x3e) return this.finishEnd();
        return this.fail("expected '>' to close the end tag");
      case S_ENTITY:
        return this.stepEntity(b);
      case S_BANG:
        return this.stepBang(b);
      case S_COMMENT:
        if (b === 0x3e && this.marks >= 2) this.state = S_CONTENT;
        else this.marks = b === 0x2d ? this.marks + 1 : 0;
        return 0;
      case S_CDATA:
        return this.stepCdata(b);
      case S_PI:
        if (b === 0x3e && this.marks === 1) this.state = S_CONTENT;
        else this.marks = b === 0x3f ? 1 : 0;
        return 0;
    }
    return this.fail("internal tokenizer state");
  }

  /**
   * Copies the run of ASCII name characters at the input position into the tag, stopping short of
   * the name and tag limits (step() then reports them).
   */
  private copyName(): void {
    const input = this.input;
    const tag = this.tag;
    const from = this.inPos | 0;
    const n = this.tagLen | 0;
    let room = (this.limits.nameLength - (n - this.nameStart)) | 0;
    if (tag.length - n < room) room = (tag.length - n) | 0;
    let end = input.length;
    if (end - from > room) end = (from + room) | 0;
    let i = from;
    while (i < end && NAME_ASCII[input[i]] !== 0) i++;
    if (i > from) {
      tag.set(input.subarray(from, i), n);
      this.inPos = i;
      this.tagLen = (n + i - from) | 0;
      this.lastCr = false;
    }
  }

  /**
   * End of the run of text at the input position that needs no per-byte state (no markup, entity,
   * CR, other control, or UTF-8 character cut by the chunk's end), at most `limit` bytes long.
   * Calendar data is mostly such runs: they are handed out of the chunk as they are, and step()
   * costs far more a byte.
   */
  private textRunEnd(limit: number): number {
    const input = this.input;
    // positions within buffers are int32: `| 0` lets the compiled loops count in C ints
    const from = this.inPos | 0;
    let end = input.length;
    if (end - from > limit) end = (from + limit) | 0;
    let i = plainEnd(input, from, end);
    // a whole well-formed UTF-8 character passes as well: checkByte would accept each of its bytes
    while (i < end && input[i] >= 0xc2) {
      const next = utf8CharEnd(input, i, end);
      if (next === i) break;
      i = plainEnd(input, next, end);
    }
    return i;
  }

  private stepContent(b: number): number {
    if (b === 0x3c) {
      this.state = S_LT;
      return this.bufLen > 0 ? this.emitText() : 0;
    }
    if (this.depth === 0) {
      if (isSpace(b)) return 0;
      return this.fail(this.rootSeen ? "content after the root element" : "text before the root element");
    }
    if (b === 0x26) return this.startEntity(false);
    this.buf[this.bufLen] = b;
    this.bufLen = (this.bufLen + 1) | 0;
    return 0;
  }

  private stepLt(b: number): number {
    if (b === 0x2f) {
      if (this.depth === 0) return this.fail("end tag without a matching start tag");
      this.tagLen = 0;
      this.nameStart = 0;
      this.state = S_END_NAME;
      return 0;
    }
    if (b === 0x21) {
      this.bangPos = 0;
      this.state = S_BANG;
      return 0;
    }
    if (b === 0x3f) {
      this.marks = 0;
      this.state = S_PI;
      return 0;
    }
    if (isNameStart(b)) {
      if (this.depth === 0 && this.rootSeen) return this.fail("more than one root element");
      this.tagLen = 0;
      this.attrCount = 0;
      this.nameStart = 0;
      this.state = S_START_NAME;
      return this.tagByte(b, true);
    }
    return this.fail(`unexpected ${printable(b)} after '<'`);
  }

  /** `<!` opens a comment, CDATA (inside an element) or a declaration, which we refuse. */
  private stepBang(b: number): number {
    if (this.bangPos === 0 && b === 0x2d) {
      this.bangPos = -1;
      return 0;
    }
    if (this.bangPos === -1) {
      if (b !== 0x2d) return this.fail("malformed comment");
      this.marks = 0;
      this.state = S_COMMENT;
      return 0;
    }
    if (this.bangPos === 0 && b !== 0x5b) {
      return this.fail("<!DOCTYPE and other declarations are not supported (no DTDs or external entities)");
    }
    if (b !== CDATA_OPEN[this.bangPos]) return this.fail("malformed CDATA section");
    this.bangPos++;
    if (this.bangPos === CDATA_OPEN.length) {
      if (this.depth === 0) return this.fail("CDATA outside the root element");
      this.marks = 0;
      this.state = S_CDATA;
    }
    return 0;
  }

  private stepCdata(b: number): number {
    if (b === 0x5d) {
      if (this.marks === 2) this.putText(0x5d);
      else this.marks++;
      return 0;
    }
    if (b === 0x3e && this.marks === 2) {
      this.state = S_CONTENT;
      this.marks = 0;
      return 0;
    }
    for (let i = 0; i < this.marks; i++) this.putText(0x5d);
    this.marks = 0;
    this.putText(b);
    return 0;
  }

  private putText(b: number): void {
    this.buf[this.bufLen] = b;
    this.bufLen = (this.bufLen + 1) | 0;
  }

  private tagByte(b: number, inName: boolean): number {
    if (inName && this.tagLen - this.nameStart >= this.limits.nameLength) {
      return this.fail(`name longer than ${this.limits.nameLength} bytes`);
    }
    if (this.tagLen >= this.tag.length) return this.fail(`tag longer than ${this.tag.length} bytes`);
    this.tag[this.tagLen] = b;
    this.tagLen = (this.tagLen + 1) | 0;
    return 0;
  }

  private tagNameDone(): void {
    this.qnameEnd = this.tagLen;
  }

  private startEntity(inAttr: boolean): number {
    this.entityLen = 0;
    this.entityInAttr = inAttr;
    this.state = S_ENTITY;
    return 0;
  }

  private stepEntity(b: number): number {
    if (b !== 0x3b) {
      if (this.entityLen >= MAX_ENTITY) return this.fail("entity reference too long or missing ';'");
      this.entity[this.entityLen] = b;
      this.entityLen++;
      return 0;
    }
    const cp = codePointOf(this.entity, 0, this.entityLen);
    if (cp < 0) {
      return this.fail(`unknown entity &${utf8Decode(this.entity, 0, this.entityLen)}; (only predefined and numeric entities)`);
    }
    if (!isXmlChar(cp)) return this.fail(`character reference to invalid code point ${cp}`);
    this.state = this.entityInAttr ? S_ATTR_VALUE : S_CONTENT;
    return this.putCodePoint(cp);
  }

  /** Appends cp as UTF-8 to the text or to the attribute value being read. */
  private putCodePoint(cp: number): number {
    let n = 1;
    if (cp >= 0x10000) n = 4;
    else if (cp >= 0x800) n = 3;
    else if (cp >= 0x80) n = 2;
    const bytes = this.cpBytes;
    if (n === 1) bytes[0] = cp;
    else {
      for (let i = n - 1; i > 0; i--) {
        bytes[i] = 0x80 | (cp & 0x3f);
        cp = Math.floor(cp / 64);
      }
      bytes[0] = (n === 2 ? 0xc0 : n === 3 ? 0xe0 : 0xf0) | cp;
    }
    for (let i = 0; i < n; i++) {
      if (this.entityInAttr) {
        const r = this.tagByte(bytes[i], false);
        if (r !== 0) return r;
      } else {
        this.putText(bytes[i]);
      }
    }
    return 0;
  }

  /** Index of the declaration binding prefix tag[start, end) (empty = default namespace), or -1. */
  private lookup(start: number, end: number): number {
    for (let i = this.nsCount - 1; i >= 0; i--) {
      const d = i * 3;
      const ps = this.nsDecl[d];
      const pe = this.nsDecl[d + 1];
      // most prefixes differ in length, and the default namespace's is empty: no call for those
      if (pe - ps === end - start && (pe === ps || bytesEqual(this.nsData, ps, pe, this.tag, start, end))) return i;
    }
    return -1;
  }

  /** Position of the first ':' in tag[start, end), or -1. */
  private colon(start: number, end: number): number {
    // names are a few bytes long: a loop costs less than a library search
    const tag = this.tag;
    let i = start;
    while (i < end && tag[i] !== 0x3a) i++;
    return i < end ? i : -1;
  }

  private finishStart(empty: boolean): number {
    if (this.depth >= this.limits.depth) return this.fail(`elements nested deeper than ${this.limits.depth}`);
    const level = this.depth * 7;
    this.levels[level + 5] = this.nsCount;
    this.levels[level + 6] = this.nsUsed;
    const a = this.attrs;
    // namespace declarations first: they apply to the element's own name and attributes
    for (let i = 0; i < this.attrCount; i++) {
      const ns = a[i * 7];
      const ne = a[i * 7 + 1];
      for (let j = 0; j < i; j++) {
        if (bytesEqual(this.tag, a[j * 7], a[j * 7 + 1], this.tag, ns, ne)) {
          return this.fail(`duplicate attribute ${utf8Decode(this.tag, ns, ne)}`);
        }
      }
      const isXmlns = ne - ns >= 5 && this.tag[ns] === 0x78 && this.tag[ns + 1] === 0x6d && this.tag[ns + 2] === 0x6c &&
        this.tag[ns + 3] === 0x6e && this.tag[ns + 4] === 0x73 && (ne - ns === 5 || this.tag[ns + 5] === 0x3a);
      if (!isXmlns) continue;
      const prefixStart = ne - ns === 5 ? ne : ns + 6;
      const r = this.declare(prefixStart, ne, a[i * 7 + 2], a[i * 7 + 3]);
      if (r !== 0) return r;
    }
    const qEnd = this.qnameEnd;
    const c = this.colon(0, qEnd);
    let nsStart = 0;
    let nsEnd = 0;
    const d = c < 0 ? this.lookup(0, 0) : this.lookup(0, c);
    if (d >= 0) {
      nsStart = this.nsDecl[d * 3 + 1];
      nsEnd = this.nsDecl[d * 3 + 2];
    } else if (c >= 0) {
      return this.fail(`unbound namespace prefix '${utf8Decode(this.tag, 0, c)}'`);
    }
    for (let i = 0; i < this.attrCount; i++) {
      const s = a[i * 7];
      const e = a[i * 7 + 1];
      const ac = this.colon(s, e);
      a[i * 7 + 4] = ac < 0 ? s : ac + 1;
      a[i * 7 + 5] = 0;
      a[i * 7 + 6] = 0;
      if (ac < 0) continue;
      const ad = this.lookup(s, ac);
      if (ad < 0) {
        // xmlns:p declarations themselves are in the reserved xmlns namespace
        if (ac - s === 5 && this.tag[s] === 0x78 && this.tag[s + 4] === 0x73) continue;
        return this.fail(`unbound namespace prefix '${utf8Decode(this.tag, s, ac)}'`);
      }
      a[i * 7 + 5] = this.nsDecl[ad * 3 + 1];
      a[i * 7 + 6] = this.nsDecl[ad * 3 + 2];
    }
    this.stackData.set(this.tag.subarray(0, qEnd), this.stackUsed);
    this.levels[level] = this.stackUsed;
    this.levels[level + 1] = this.stackUsed + qEnd;
    this.levels[level + 2] = this.stackUsed + (c < 0 ? 0 : c + 1);
    this.levels[level + 3] = nsStart;
    this.levels[level + 4] = nsEnd;
    // stack and level positions stay within their buffers: `| 0` keeps them C ints
    this.stackUsed = (this.stackUsed + qEnd) | 0;
    this.depth = (this.depth + 1) | 0;
    this.innermost();
    this.rootSeen = true;
    this.endPending = empty;
    this.state = S_CONTENT;
    return XmlEvent.Start;
  }

  private declare(pStart: number, pEnd: number, vStart: number, vEnd: number): number {
    if (this.nsCount > this.limits.namespaces) return this.fail(`more than ${this.limits.namespaces} namespace declarations in scope`);
    const need = pEnd - pStart + vEnd - vStart;
    if (this.nsUsed + need > this.nsData.length) return this.fail(`namespace declarations exceed ${this.limits.namespaceBytes} bytes`);
    const d = this.nsCount * 3;
    this.nsDecl[d] = this.nsUsed;
    this.nsData.set(this.tag.subarray(pStart, pEnd), this.nsUsed);
    this.nsUsed = (this.nsUsed + pEnd - pStart) | 0;
    this.nsDecl[d + 1] = this.nsUsed;
    this.nsData.set(this.tag.subarray(vStart, vEnd), this.nsUsed);
    this.nsUsed = (this.nsUsed + vEnd - vStart) | 0;
    this.nsDecl[d + 2] = this.nsUsed;
    this.nsCount = (this.nsCount + 1) | 0;
    return 0;
  }

  private finishEnd(): number {
    const level = (this.depth - 1) * 7;
    const qs = this.levels[level];
    const qe = this.levels[level + 1];
    if (!bytesEqual(this.stackData, qs, qe, this.tag, 0, this.tagLen)) {
      return this.fail(`end tag </${utf8Decode(this.tag, 0, this.tagLen)}> does not match <${utf8Decode(this.stackData, qs, qe)}>`);
    }
    this.state = S_CONTENT;
    this.popPending = true;
    return XmlEvent.End;
  }

  private popLevel(): void {
    const level = (this.depth - 1) * 7;
    this.stackUsed = this.levels[level];
    this.nsCount = this.levels[level + 5];
    this.nsUsed = this.levels[level + 6];
    this.depth = (this.depth - 1) | 0;
    this.innermost();
  }

  /** Notes where the innermost open element's names are, after the depth changed. */
  private innermost(): void {
    if (this.depth === 0) {
      this.elLocal = 0;
      this.elEnd = 0;
      this.elNs = 0;
      this.elNsEnd = 0;
      return;
    }
    const at = (this.depth - 1) * 7;
    this.elLocal = this.levels[at + 2];
    this.elEnd = this.levels[at + 1];
    this.elNs = this.levels[at + 3];
    this.elNsEnd = this.levels[at + 4];
  }

  private atEnd(): number {
    if (this.state !== S_CONTENT) return this.failAt("unexpected end of input inside markup", this.position());
    if (this.u8need > 0) return this.failAt("input ends inside a UTF-8 sequence", this.position());
    if (!this.rootSeen) return this.failAt("no root element", this.position());
    if (this.depth > 0) {
      const level = (this.depth - 1) * 7;
      const name = utf8Decode(this.stackData, this.levels[level], this.levels[level + 1]);
      return this.failAt(`unexpected end of input: <${name}> not closed`, this.position());
    }
    this.ended = true;
    return XmlEvent.Eof;
  }
}
