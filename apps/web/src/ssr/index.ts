/** Server-side rendering of the public observatory (used by `migov publish`). */
export { buildStaticSite, type StaticSiteSummary } from './static-site.tsx';
export {
  createInjectClient,
  injectTransport,
  transportClient,
  type TextAnswer,
  type Transport,
} from './inject-client.ts';
export { createLivePageRenderer } from './live-page.tsx';
