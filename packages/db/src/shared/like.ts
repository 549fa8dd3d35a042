/** LIKE with an explicit escape character: SQLite has none by default, PostgreSQL uses backslash. */
import { sql, type Expression, type RawBuilder } from 'kysely';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** `expression LIKE '%text%'` with wildcards in `text` taken literally. */
export function likeContains(expression: Expression<unknown>, text: string): RawBuilder<boolean> {
  return sql<boolean>`${expression} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

/** PostgreSQL's `expression ILIKE '%text%'` (case-insensitive; trigram indexes serve it) with wildcards in `text` taken literally. */
export function ilikeContains(expression: Expression<unknown>, text: string): RawBuilder<boolean> {
  return sql<boolean>`${expression} ilike ${`%${escapeLike(text)}%`} escape '\\'`;
}

/** `expression LIKE 'text%'` with wildcards in `text` taken literally. */
export function likePrefix(expression: Expression<unknown>, text: string): RawBuilder<boolean> {
  return sql<boolean>`${expression} like ${`${escapeLike(text)}%`} escape '\\'`;
}
