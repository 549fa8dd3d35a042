/** Server-side rendering of the public observatory (used by `migov publish`). */
export {
  buildStaticSite,
  renderDocument,
  fileOf,
  type StaticSiteOptions,
  type StaticSiteSummary,
} from './static-site.tsx';
export { createInjectClient, type Injectable } from './inject-client.ts';
