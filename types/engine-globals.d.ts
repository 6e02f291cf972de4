/**
 * The few host globals the DOM-free layers may use. They exist in every browser and in Node, but
 * the core tsconfig has neither "dom" nor Node's types, so that timers, `document` and `process`
 * cannot creep into the engine.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare function queueMicrotask(callback: () => void): void;
declare const console: {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
declare function btoa(data: string): string;
declare function atob(data: string): string;
