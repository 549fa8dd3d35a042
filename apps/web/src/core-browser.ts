/**
 * The pure parts of @migov/core the browser bundle uses, imported module by module. Vite aliases
 * `@migov/core` to this file (vite.config.ts) so the bundle leaves out core's file readers and
 * schemas, which need Node's Buffer and weigh several hundred kilobytes. Node (tests, SSR) uses the
 * real package; the exports here have the same names and types.
 */
export { nextCategory } from '../../../packages/core/src/scoring/next-category.ts';
export { DEFAULT_CROSSWALK } from '../../../packages/core/src/governance/crosswalks/crosswalk.data.ts';
export { mapDomainGap } from '../../../packages/core/src/governance/crosswalks/gap-mapping.ts';
export { SDG_10_7_2_DOMAIN_CODES } from '../../../packages/core/src/governance/reference/reference.types.ts';
export { itemNumbers } from '../../../packages/core/src/instruments/item-number.ts';
