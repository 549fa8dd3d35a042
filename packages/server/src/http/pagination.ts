/** Page parameters and the page envelope shared by every list (limit/offset, as the data layer pages). */
import { z } from 'zod';

/** Query parameters of a paged list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1-500)'),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('Items to skip'),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** The envelope of a paged list. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** Cut one page out of an array (for lists computed in memory). */
export function paginate<Item>(
  items: readonly Item[],
  query: PageQuery,
): { items: Item[]; total: number; limit: number; offset: number } {
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    total: items.length,
    limit: query.limit,
    offset: query.offset,
  };
}
