/** Paging of list results. */
import { ValidationError } from '../errors.ts';

/** Which slice of a list to return. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** One slice of a list, with the total number of matches. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

const MAX_LIMIT = 1000;

/** Validated limit and offset (defaults 50 and 0, limit at most 1000). */
export function resolvePage(page: PageRequest | undefined): { limit: number; offset: number } {
  const limit = page?.limit ?? 50;
  const offset = page?.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError([
      { field: 'page.limit', value: limit, message: `must be an integer from 1 to ${MAX_LIMIT}` },
    ]);
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw new ValidationError([{ field: 'page.offset', value: offset, message: 'must be a non-negative integer' }]);
  return { limit, offset };
}
