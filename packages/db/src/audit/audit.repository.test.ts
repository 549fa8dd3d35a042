import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@migov/core';
import { ValidationError } from '../errors.ts';
import { newId } from '../schema/ids.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { AUDIT_COUNT_LIMIT, listAudit, recordAudit } from './audit.repository.ts';

describe.each(TEST_DIALECTS)('the audit log pages on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('reads on with the next cursor: newest first, ties kept in order, no entry lost or repeated', async () => {
    const random = seededRandom(2019);
    // Entries in few distinct times, so many share one: the id breaks the tie.
    const rows = Array.from({ length: 60 }, () => ({
      id: newId(),
      at: new Date(Date.UTC(2026, 0, 1, 0, Math.floor(random() * 8))).toISOString(),
      actor_id: null,
      action: 'page.test',
      target_type: 'pager',
      target_id: 'cursor',
      details: null,
    }));
    await test.db.kysely.insertInto('audit_log').values(rows).execute();
    const filters = { targetType: 'pager', targetId: 'cursor' };
    const whole = await listAudit(test.db, { filters, page: { limit: 100 } });
    expect(whole).toMatchObject({ total: 60, totalExact: true });
    expect(whole.next).toBeUndefined();
    expect(whole.items.map((entry) => entry.at)).toEqual([...rows.map((row) => row.at)].sort().reverse());
    const limit = 1 + Math.floor(random() * 9);
    const read: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await listAudit(test.db, { filters, page: { limit }, ...(after ? { after } : {}) });
      expect(page.total).toBe(pages <= 1 ? 60 : 61);
      read.push(...page.items.map((entry) => entry.id));
      // An entry appended meanwhile (newer than any) moves no later page.
      if (pages === 1) await recordAudit(test.db, { action: 'page.test', targetType: 'pager', targetId: 'cursor' });
      if (!page.next) break;
      expect(page.items).toHaveLength(limit);
      after = page.next;
    }
    expect(read).toEqual(whole.items.map((entry) => entry.id));
    await expect(listAudit(test.db, { after: 'not a cursor' })).rejects.toBeInstanceOf(ValidationError);
  });

  it(`counts matching entries up to ${AUDIT_COUNT_LIMIT}, then says at least that many`, async () => {
    const at = new Date(Date.UTC(2025, 5, 1)).toISOString();
    const entry = () => ({ id: newId(), at, action: 'count.test', target_type: 'counter', details: null });
    await test.db.kysely
      .insertInto('audit_log')
      .values(Array.from({ length: AUDIT_COUNT_LIMIT }, entry))
      .execute();
    const exact = await listAudit(test.db, { filters: { action: 'count.test' }, page: { limit: 3 } });
    expect(exact).toMatchObject({ total: AUDIT_COUNT_LIMIT, totalExact: true });
    expect(exact.items).toHaveLength(3);
    await test.db.kysely.insertInto('audit_log').values(entry()).execute();
    expect(await listAudit(test.db, { filters: { action: 'count.test' }, page: { limit: 3 } })).toMatchObject({
      total: AUDIT_COUNT_LIMIT,
      totalExact: false,
    });
  });
});
