/** Server-side rendering of the public observatory (used by `migov publish`). */
export { buildStaticSite } from './static-site.tsx';
export { createInjectClient } from './inject-client.ts';
