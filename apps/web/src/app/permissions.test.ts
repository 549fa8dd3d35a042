import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '@migov/core';
import type { Session } from '@migov/server/api';
import { areasWith, holds, holdsGlobally } from './permissions.ts';

const session = {
  user: { id: 'u', email: 'u@example.org', name: 'U', status: 'active' },
  roles: [],
  permissions: {
    'assessment:create': [
      { kind: 'area', area: '484' },
      { kind: 'group', group: '419' },
    ],
    'governance:edit': [{ kind: 'global' }],
    'brief:write': [],
  },
} as unknown as Session;

describe('the permissions of a session', () => {
  it('answers from the scopes the server lists, and nothing without a session', () => {
    expect(holds(session, 'assessment:create')).toBe(true);
    expect(holds(session, 'brief:write')).toBe(false);
    expect(holds(session, 'mgi:steer')).toBe(false);
    expect(holds(undefined, 'assessment:create')).toBe(false);
    expect(holdsGlobally(session, 'governance:edit')).toBe(true);
    expect(holdsGlobally(session, 'assessment:create')).toBe(false);
    expect(areasWith(session, 'assessment:create')).toEqual(['484']);
  });
});

describe('the web app', () => {
  it('names no role outside the catalogues: what a user may do comes from the server', () => {
    const source = join(import.meta.dirname, '..');
    const files = (readdirSync(source, { recursive: true }) as string[]).filter(
      (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith(join('i18n', 'catalogues')),
    );
    const named = files.flatMap((file) => {
      const text = readFileSync(join(source, file), 'utf8');
      return ROLES.filter((role) => text.includes(`'${role}'`)).map(
        (role) => `${relative(source, join(source, file))}: '${role}'`,
      );
    });
    expect(files.length).toBeGreaterThan(50);
    expect(named).toEqual([]);
  });
});
