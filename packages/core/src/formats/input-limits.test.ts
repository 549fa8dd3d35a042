import { describe, expect, it } from 'vitest';
import { structureLimitExceeded } from './input.ts';

describe('structureLimitExceeded', () => {
  it('counts CSV lines, a last line break not being a line of its own', () => {
    expect(structureLimitExceeded('a\nb\nc\n', { maxRows: 3 })).toBeUndefined();
    expect(structureLimitExceeded('a\nb\nc\nd', { maxRows: 3 })).toMatchObject({ limit: 'rows', max: 3 });
  });

  it('counts XML attributes outside quoted values, and skips comments, CDATA and declarations', () => {
    const xml = `<?xml version="1.0"?><!-- <x a="1" b="2"/> --><root a="x=y" b='="'><![CDATA[<c d="1"/>]]><e f="1"/></root>`;
    expect(structureLimitExceeded(xml, { maxXmlAttributes: 3, maxXmlElements: 2 })).toBeUndefined();
    expect(structureLimitExceeded(xml, { maxXmlAttributes: 2 })).toMatchObject({ limit: 'xml-attributes', max: 2 });
    expect(structureLimitExceeded(xml, { maxXmlElements: 1 })).toMatchObject({ limit: 'xml-elements', max: 1 });
  });

  it('measures XML depth with self-closing elements at their parent level', () => {
    expect(structureLimitExceeded(`<a><b/><b/><b><c/></b></a>`, { maxDepth: 2 })).toBeUndefined();
    expect(structureLimitExceeded(`<a><b><c/><c></c></b></a>`, { maxDepth: 2 })).toMatchObject({
      limit: 'depth',
      max: 2,
    });
  });

  it('measures JSON depth outside strings and counts observations two levels down', () => {
    const json = JSON.stringify({
      format: 'migov-observations',
      version: 1,
      observations: [{ footnote: '[[[[{{{{' }, { footnote: '"\\\\' }],
    });
    expect(structureLimitExceeded(json, { maxDepth: 3, maxRows: 2 })).toBeUndefined();
    expect(structureLimitExceeded(json, { maxRows: 1 })).toMatchObject({ limit: 'rows', max: 1 });
    expect(structureLimitExceeded('{"a":[[[1]]]}', { maxDepth: 3 })).toMatchObject({ limit: 'depth', max: 3 });
  });
});
