import { describe, expect, it } from 'vitest';
import { briefEditRequestSchema, briefGenerateRequestSchema } from './brief.schema.ts';

describe('brief request schemas', () => {
  it('accept an edit of entry points and checklist', () => {
    const parsed = briefEditRequestSchema.safeParse({
      expectedVersion: 2,
      description: 'focal point confirmed',
      edit: { entryPoints: { roadmap: 'Agreed.' }, checklist: { 'government-focal-point': { status: 'in-place' } } },
    });
    expect(parsed.success).toBe(true);
  });

  it('name the field of bad input', () => {
    const parsed = briefEditRequestSchema.safeParse({
      expectedVersion: 0,
      description: '',
      edit: { checklist: { budget: { status: 'done' } } },
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'description',
      'edit.checklist',
      'expectedVersion',
    ]);
    expect(briefGenerateRequestSchema.safeParse({ area: 'BGD', round: 2021, extra: 1 }).success).toBe(false);
  });
});
