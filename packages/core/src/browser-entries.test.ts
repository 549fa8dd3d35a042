// The entries the web app imports (package.json "exports" beside ".") must stay browser-safe: their
// import graph reaches no file reader and no package but zod (docs/architecture.md). The graph is read
// from the sources, type-only imports left out, as the bundler sees it.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const packageRoot = join(import.meta.dirname, '..');
const exportsField = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).exports as Record<
  string,
  string
>;
const browserEntries = Object.entries(exportsField).filter(([subpath]) => subpath !== '.');

/** Value imports and re-exports of a module: `import type …` and `export type …` are erased. */
function valueImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm))
    if (!match[2]) found.push(match[3]!);
  for (const match of source.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1]!);
  return found;
}

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  visit(join(packageRoot, entry));
  return { files, packages };
}

describe('the browser entries of @migov/core', () => {
  it('are the four the web app uses', () => {
    expect(browserEntries.map(([subpath]) => subpath).sort()).toEqual([
      './crosswalks',
      './instruments',
      './observations',
      './scoring',
    ]);
  });

  it.each(browserEntries)('%s reaches no file reader and no package but zod', (_subpath, entry) => {
    const { files, packages } = graph(entry);
    expect([...packages].filter((name) => name !== 'zod')).toEqual([]);
    expect([...files].map((file) => relative(packageRoot, file)).filter((file) => file.includes('/formats/'))).toEqual(
      [],
    );
  });

  it('would see a file reader in the graph', () => {
    expect(graph('src/index.ts').packages).toContain('csv-parse');
  });
});
