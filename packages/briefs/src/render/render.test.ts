import { execFileSync } from 'node:child_process';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { latestBriefVersion } from '../brief.model.ts';
import { resultsFromObservations } from '../brief-results.ts';
import { editBrief } from '../edit-brief.ts';
import { generateBrief } from '../generate-brief.ts';
import { EXPECTED_GAP_LINES, KNOWN_OBSERVATIONS } from '../brief.test-fixtures.ts';
import { renderBriefDocx } from './render-docx.ts';
import { renderBriefMarkdown } from './render-markdown.ts';
import { renderBriefPdf } from './render-pdf.ts';

const brief = editBrief(
  generateBrief({
    area: '608',
    results: resultsFromObservations(KNOWN_OBSERVATIONS, '608', { source: 'test data' }),
    generatedAt: '2026-11-27T18:00:00Z',
    generatedBy: 'analyst-1',
  }),
  { notes: 'Edited note with *stars* and <tags>.', checklist: { 'government-focal-point': { status: 'in-place' } } },
  { actor: 'rco-1', at: '2026-11-28T09:00:00Z', expectedVersion: 1, description: 'notes' },
);
const version = latestBriefVersion(brief);

// pdfkit wraps long lines (also after a hyphen); compare with whitespace collapsed.
const flatten = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();

/** The text of a PDF, by Debian's poppler-utils (CI: apt-get install -y poppler-utils). */
function pdfText(bytes: Uint8Array): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' });
  } catch (error) {
    throw new Error(`pdftotext failed (install poppler-utils): ${(error as Error).message}`);
  }
}

/** The paragraphs of a DOCX file: the text runs of word/document.xml, one string per <w:p>. */
function docxParagraphs(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml in the DOCX file');
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return strFromU8(xml)
    .split('</w:p>')
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => decode(match[1] ?? '')).join(''),
    )
    .filter((text) => text !== '');
}

describe('renderBriefMarkdown', () => {
  it('contains the exact gaps, GCM objectives and SDG targets', () => {
    const markdown = renderBriefMarkdown(version);
    for (const line of EXPECTED_GAP_LINES) expect(markdown).toContain(line.replace(/([[\]])/g, '\\$1'));
    expect(markdown).toContain('### Domain 1: Migrant rights (Partially meets)');
    expect(markdown).toContain('- [x] Government focal point for migration and development: In place');
    expect(markdown).toContain('Edited note with \\*stars\\* and \\<tags\\>.');
  });
});

describe('renderBriefPdf', () => {
  it('writes a PDF whose text contains the exact gaps, GCM objectives and SDG targets', async () => {
    const bytes = await renderBriefPdf(version);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = flatten(pdfText(bytes));
    for (const line of EXPECTED_GAP_LINES) expect(text).toContain(flatten(line));
    expect(text).toContain('Migration in the Cooperation Framework: Philippines');
    expect(text).toContain('Edited note with *stars* and <tags>.');
  });

  it('is the same bytes for the same version', async () => {
    expect(Buffer.from(await renderBriefPdf(version)).equals(Buffer.from(await renderBriefPdf(version)))).toBe(true);
  });
});

describe('renderBriefDocx', () => {
  it('writes a DOCX whose paragraphs are the exact gaps, GCM objectives and SDG targets', async () => {
    const paragraphs = docxParagraphs(await renderBriefDocx(version));
    for (const line of EXPECTED_GAP_LINES) expect(paragraphs).toContain(line);
    expect(paragraphs[0]).toBe('Migration in the Cooperation Framework: Philippines');
    expect(paragraphs).toContain('Edited note with *stars* and <tags>.');
  });
});

describe('renderBriefPdf fonts', () => {
  const unicode = editBrief(
    generateBrief({ area: '643', results: { domains: [] }, generatedAt: '2026-11-27T18:00:00Z', generatedBy: 'a' }),
    { notes: 'Миграция и развитие ≥ 2 — Türkiye' },
    {
      actor: 'a',
      at: '2026-11-27T18:00:00Z',
      expectedVersion: 1,
      description: 'x',
    },
  );

  it('prints "?" for what the standard font cannot show, never garbage', async () => {
    const text = pdfText(await renderBriefPdf(latestBriefVersion(unicode)));
    expect(text).toContain('???????? ? ???????? ? 2 — Türkiye');
  });

  it('prints any script with a Unicode font passed in (Debian fonts-dejavu-core in CI)', async () => {
    const path = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    const { existsSync, readFileSync } = await import('node:fs');
    if (!existsSync(path)) throw new Error(`${path} is missing: apt-get install -y fonts-dejavu-core`);
    const text = pdfText(
      await renderBriefPdf(latestBriefVersion(unicode), { font: { regular: new Uint8Array(readFileSync(path)) } }),
    );
    expect(text).toContain('Миграция и развитие ≥ 2 — Türkiye');
  });
});
