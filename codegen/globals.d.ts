// The host globals a program of the subset may name. Declared here instead of loading all of
// @types/node: parsing and binding those ~60 files was most of a compile's start-up.

interface Console {
  log(...data: unknown[]): void;
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
declare var console: Console;

/** Used by the Node side of the text intrinsics (ts-src/lib/text.ts). */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}
