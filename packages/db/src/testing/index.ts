// @migov/db/testing: throwaway databases of both dialects and small fixtures, for the tests of every package.
export * from './test-database.ts';
export * from './fixtures.ts';
export * from './world.ts';
