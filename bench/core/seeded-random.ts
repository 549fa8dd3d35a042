/** A small seeded generator (mulberry32): benchmarks and synthetic data are reproducible from their seed. */
export { seededRandom as createRandom } from '@migov/core';
