/**
 * A small seeded generator (mulberry32): uniform draws in [0, 1), the same sequence for the same
 * seed on every run and every runtime. For demo content, synthetic test data and benchmarks; never
 * for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
