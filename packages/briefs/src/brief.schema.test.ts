import { describe, expect, it } from 'vitest';
import { briefEditRequestSchema, briefGenerateRequestSchema } from './brief.schema.ts';

describe('brief request schemas', () => {
  it('accept an edit of entry points and checklist', () => {
    const parsed = briefEditRequestSchema.safeParse({
      description: 'focal point confirmed',
      edit: { entryPoints: { roadmap: 'Agreed.' }, checklist: { 'government-focal-point': { status: 'in-place' } } },
    });
    expect(parsed.success).toBe(true);
  });

  it('name the field of bad input', () => {
    const parsed = briefEditRequestSchema.safeParse({
      description: '',
      edit: { checklist: { budget: { status: 'done' } } },
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['description', 'edit.checklist']);
    // The version an edit starts from is no body field: it travels as If-Match.
    expect(briefEditRequestSchema.safeParse({ expectedVersion: 2, description: 'd', edit: {} }).success).toBe(false);
    expect(briefGenerateRequestSchema.safeParse({ area: 'BGD', round: 2021, extra: 1 }).success).toBe(false);
  });
});
