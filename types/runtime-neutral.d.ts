/**
 * The few globals that every JavaScript runtime has, browser and Node alike
 * (the WinterTC minimum common API: https://min-common-api.proposal.wintertc.org/),
 * for the layers that get neither DOM nor Node types (contracts, core, analysis).
 * Keep it to this list: anything that does I/O (fetch, timers, process, fs) stays out,
 * so a pure layer that reaches for it fails to compile.
 */
interface Console {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}
declare var console: Console;

interface TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: { prototype: TextDecoder; new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };
