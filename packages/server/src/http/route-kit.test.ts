/**
 * The route toolkit and the conventions it carries, checked over the route files themselves: no route
 * file imports another, names a role, reads `request.principal!` or writes its own access constants;
 * every write on an edited resource goes through If-Match.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../auth/permissions.ts';
import { parseIfMatch, versionEtag } from './route-kit.ts';

const ROUTES = join(import.meta.dirname, '..', 'routes');
const routeFiles = readdirSync(ROUTES)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(join(ROUTES, name), 'utf8') }));

describe('the route files', () => {
  it('import no other route file (what two share lives beside them, not in one of them)', () => {
    const imports = routeFiles.flatMap(({ name, text }) =>
      [...text.matchAll(/from '\.\/([a-z-]+\.routes\.ts)'/g)].map((found) => `${name} -> ${found[1]}`),
    );
    expect(imports).toEqual([]);
  });

  it('name no role: routes declare permissions (auth/permissions.ts)', () => {
    const named = routeFiles.flatMap(({ name, text }) =>
      ROLES.filter((role) => text.includes(`'${role}'`)).map((role) => `${name}: '${role}'`),
    );
    expect(named).toEqual([]);
  });

  it('take the principal with requirePrincipal and the access constants from the toolkit', () => {
    const found = routeFiles.flatMap(({ name, text }) => [
      ...(text.includes('request.principal!') ? [`${name}: request.principal!`] : []),
      ...(/^const (PUBLIC|SIGNED_IN) =/m.test(text) ? [`${name}: its own PUBLIC or SIGNED_IN`] : []),
      ...(/access: \{ permission: '(public|signed-in)' \}/.test(text)
        ? [`${name}: an inline public or signed-in access`]
        : []),
      ...(/expectedVersion: z/.test(text) ? [`${name}: a version in the body instead of If-Match`] : []),
    ]);
    expect(found).toEqual([]);
  });
});

describe('If-Match', () => {
  it.each([
    ['"7"', 7],
    ['7', 7],
    ['W/"7"', 7],
    [' "12" ', 12],
  ])('reads %s as version %d', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('is undefined when absent and NaN when unreadable, and writes the ETag it reads', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('"abc"')).toBeNaN();
    expect(parseIfMatch(versionEtag(3))).toBe(3);
  });
});
