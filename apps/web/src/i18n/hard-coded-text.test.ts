/**
 * No component writes words of its own: every text a reader sees or hears comes from the message
 * catalogues, so that it is in the page's language. The components' sources are read as TypeScript
 * (comments and code aside) for text between tags and for the attributes a reader sees or a screen
 * reader says (aria-label, title, placeholder, alt…) given as literal text. Codes and proper names
 * that every language writes the same are allowed, and so is text inside an element that declares
 * itself English (`lang="en"`: a fact as its source writes it). The browser test of the languages
 * (test/languages.browser.test.ts) checks the pages as drawn; this one names the line at fault.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('..', import.meta.url));

/** The attributes whose text a reader sees or hears. */
const SPOKEN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Words in Latin letters that every language writes so (codes and acronyms). */
const ALLOWED_WORDS = new Set(['GCM', 'SDG', 'PNG', 'SVG', 'CSV', 'M49', 'ISO', 'https']);

/** Whether a text holds a word (two Latin letters or more) that is not an allowed code. */
function hasWords(text: string): boolean {
  return (text.match(/[A-Za-z][A-Za-z0-9]+/g) ?? []).some((word) => !ALLOWED_WORDS.has(word));
}

function componentFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return componentFiles(path);
    return entry.name.endsWith('.tsx') && !entry.name.includes('.test.') ? [path] : [];
  });
}

/** Whether a node sits inside an element that declares itself English. */
function declaredEnglish(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    const opening = ts.isJsxElement(parent)
      ? parent.openingElement
      : ts.isJsxSelfClosingElement(parent)
        ? parent
        : undefined;
    const lang = opening?.attributes.properties.find(
      (attribute) => ts.isJsxAttribute(attribute) && attribute.name.getText() === 'lang',
    );
    if (lang && ts.isJsxAttribute(lang) && lang.initializer && ts.isStringLiteral(lang.initializer))
      return lang.initializer.text === 'en';
  }
  return false;
}

/** The literal text of an attribute's value: "…", {'…'}, {`…`} (a template's literal parts). */
function literalOf(initializer: ts.JsxAttributeValue | undefined): string | undefined {
  if (!initializer) return undefined;
  if (ts.isStringLiteral(initializer)) return initializer.text;
  const expression = ts.isJsxExpression(initializer) ? initializer.expression : undefined;
  if (!expression) return undefined;
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (ts.isTemplateExpression(expression))
    return [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

/** Every hard-coded text of a component's source, as `file:line: text`. */
function hardCodedTexts(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${relative(SOURCE, path)}:${line}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text) && !declaredEnglish(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText())) {
      const text = literalOf(node.initializer);
      if (text !== undefined && hasWords(text) && !declaredEnglish(node))
        report(node, `${node.name.getText()}="${text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('the components', () => {
  it('write no words of their own: every text comes from the catalogues', () => {
    const files = componentFiles(SOURCE);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((path) => hardCodedTexts(path, readFileSync(path, 'utf8')))).toEqual([]);
  });

  it('are checked for text between tags and for what a screen reader says', () => {
    const source = `
      export const A = () => <p>Loading the data</p>;
      export const B = ({ t }) => <button aria-label="Close the dialog" title={t('x')}>×</button>;
      export const C = () => <input placeholder={\`Search \${1}\`} />;
      export const D = () => <ul lang="en"><li>Fact as the source writes it</li></ul>;
      export const E = ({ t }) => <p>{t('common.loading')} · SDG, PNG</p>;
    `;
    expect(hardCodedTexts(join(SOURCE, 'example.tsx'), source)).toEqual([
      'example.tsx:2: Loading the data',
      'example.tsx:3: aria-label="Close the dialog"',
      'example.tsx:4: placeholder="Search  "',
    ]);
  });
});
