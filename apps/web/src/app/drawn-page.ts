/**
 * What a page drawn on the server carries for the app (ssr/live-page.tsx writes it, the browser entry
 * and render-app.tsx read it). Kept apart and small: the entry script imports it.
 */

/** The id of the element holding the page's data (JSON, never run). */
export const PAGE_DATA_ID = 'migov-page-data';

/**
 * A drawn page's data: its URL; by API path, the ETag of each answer it was drawn from or, for an
 * answer without one, the answer itself; and what the app loads to take the page over (its script
 * chunks, the answers, the world map), which the entry asks for once the page is shown.
 */
export interface PageData {
  url: string;
  answers: Record<string, { etag: string } | { body: unknown }>;
  load: { href: string; as: 'script' | 'fetch' }[];
}

/** An ETag without the suffix the server adds to name a compressed representation of the same answer. */
export const sameAnswer = (etag: string | undefined, drawn: string) =>
  etag !== undefined && etag.replace(/-(gzip|br)"$/, '"') === drawn.replace(/-(gzip|br)"$/, '"');
