import { describe, expect, it } from 'vitest';
import { createInstrumentRegistry } from '../instruments/registry.ts';
import {
  isWebUrl,
  mgiActionRequestSchema,
  mgiProcessActionSchema,
  newCrosswalkLinkSchema,
  newMembershipSchema,
  profileResponsesSchema,
} from './governance.schema.ts';
import { GOVERNANCE_INSTRUMENTS } from './mgi/mgi-example.data.ts';

describe('governance schemas', () => {
  it('accept well-formed input', () => {
    expect(
      mgiProcessActionSchema.safeParse({
        type: 'comment',
        ministry: 'Ministry of Labour',
        body: 'ok',
        actor: 'u1',
        at: '2024-03-01T10:00:00Z',
      }).success,
    ).toBe(true);
    expect(
      newCrosswalkLinkSchema.safeParse({
        from: { kind: 'gcm-objective', id: '1' },
        to: { kind: 'sdg-target', id: '17.18' },
        basis: 'editorial',
      }).success,
    ).toBe(true);
    expect(profileResponsesSchema.safeParse({ '1.1': { optionId: 'in-place', comment: 'Law 12/2019' } }).success).toBe(
      true,
    );
  });

  it('name the field of bad input', () => {
    const action = mgiProcessActionSchema.safeParse({
      type: 'open-consultation',
      ministries: [],
      actor: 'u1',
      at: 'yesterday',
    });
    expect(action.success).toBe(false);
    expect(action.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['at', 'ministries']);
    const membership = newMembershipSchema.safeParse({
      process: 'add',
      name: 'Oman',
      role: 'member',
      kind: 'member',
      asOf: '2024',
      from: '2024-13',
      source: 'x',
    });
    expect(membership.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['from']);
  });
});

describe('webUrlSchema', () => {
  it('takes absolute http and https links only, as the MGI publication link', () => {
    for (const url of ['https://example.org/mgi/report.pdf', 'http://gov.example/page?x=1#y']) {
      expect(isWebUrl(url), url).toBe(true);
      expect(mgiActionRequestSchema.safeParse({ type: 'publish', url }).success, url).toBe(true);
    }
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:x',
      'ftp://example.org/a',
      '//example.org/a',
      '/relative',
      'example.org',
      `https://example.org/${'a'.repeat(2_000)}`,
    ]) {
      expect(isWebUrl(url), url).toBe(false);
      const parsed = mgiActionRequestSchema.safeParse({ type: 'publish', url });
      expect(parsed.success, url).toBe(false);
      expect(
        parsed.error?.issues.map((issue) => issue.path.join('.')),
        url,
      ).toEqual(['url']);
    }
  });
});

describe('GOVERNANCE_INSTRUMENTS', () => {
  it('load into the instrument registry beside the built-in ones', () => {
    const registry = createInstrumentRegistry(GOVERNANCE_INSTRUMENTS);
    expect(registry.get('mgi-example').kind).toBe('profile');
    expect(registry.get('mgi-local-example', 'example-1').domains).toHaveLength(6);
  });
});

describe('mgiActionRequestSchema', () => {
  it('takes an action without actor and time, with invitations only when a consultation opens', () => {
    expect(
      mgiActionRequestSchema.safeParse({
        type: 'open-consultation',
        ministries: ['Labour'],
        invite: [{ ministry: 'Labour', email: 'l@example.org' }],
      }).success,
    ).toBe(true);
    expect(
      mgiActionRequestSchema.safeParse({ type: 'comment', ministry: 'Labour', body: 'ok', actor: 'u1' }).success,
    ).toBe(false);
    expect(
      mgiActionRequestSchema.safeParse({ type: 'comment', ministry: 'Labour', body: 'ok', invite: [] }).success,
    ).toBe(false);
    expect(
      mgiActionRequestSchema
        .safeParse({ type: 'approve', authority: ' ' })
        .error?.issues.map((issue) => issue.path.join('.')),
    ).toEqual(['authority']);
  });
});
