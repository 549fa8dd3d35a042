/**
 * TextDecoder and TextEncoder (the WHATWG Encoding standard) are globals in every runtime core runs
 * in, Node and the browsers, but ECMAScript's lib does not declare them and core's typecheck loads
 * neither Node's types nor the DOM's (docs/architecture.md). These are the members core uses.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
