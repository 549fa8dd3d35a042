/** The DOCX writer is well-formed XML for any accepted text, and shows rather than drops what XML cannot hold. */
import { strFromU8, unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { findRefusedCharacter } from '@migov/core';
import { BriefInputError, latestBriefVersion, type BriefVersion } from '../brief.model.ts';
import { resultsFromObservations } from '../brief-results.ts';
import { editBrief } from '../edit-brief.ts';
import { generateBrief } from '../generate-brief.ts';
import { KNOWN_OBSERVATIONS } from '../brief.test-fixtures.ts';
import { renderBriefDocx } from './render-docx.ts';

/** XML 1.0's Char production: what may appear in a document at all. */
// eslint-disable-next-line no-control-regex -- the characters XML allows are listed by code point
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\u{d7ff}\u{e000}-\u{fffd}\u{10000}-\u{10ffff}]/u;

/** Every XML part of the DOCX is well-formed and holds only XML characters; returns the parts by name. */
function xmlParts(bytes: Uint8Array): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = strFromU8(data);
    expect(NOT_XML_CHAR.exec(text), `${name} holds a character XML cannot hold`).toBeNull();
    expect(XMLValidator.validate(text), name).toBe(true);
    parts[name] = text;
  }
  expect(Object.keys(parts)).toContain('word/document.xml');
  return parts;
}

/** The text of word/document.xml: runs joined, line breaks as \n, paragraphs as \n\n. */
function documentText(xml: string): string {
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return xml
    .split('</w:p>')
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:br\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((match) => (match[0] === '<w:br/>' ? '\n' : decode(match[1] ?? '')))
        .join(''),
    )
    .join('\n\n');
}

const base = generateBrief({
  area: '608',
  results: resultsFromObservations(KNOWN_OBSERVATIONS, '608', { source: 'test data' }),
  generatedAt: '2026-11-27T18:00:00Z',
  generatedBy: 'analyst-1',
});
const edit = (notes: string, title = 'Brief') =>
  latestBriefVersion(
    editBrief(
      base,
      { notes, title },
      { actor: 'rco-1', at: '2026-11-28T09:00:00Z', expectedVersion: 1, description: 'notes' },
    ),
  );

describe('DOCX briefs and the text migov accepts', () => {
  it('writes well-formed XML that keeps hostile but accepted text, line by line', async () => {
    const lines = [
      'markup <w:t>&amp; "quotes" \'apostrophes\' ]]> <!-- comment --> <?pi?>',
      'tab\tinside, emoji 👩🏽‍⚕️ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 beyond the BMP',
      'right-to-left \u202eأهلا\u202c, zero width \u200b\u200d, combining e\u0301, BOM \ufeff, private use \ue000',
      'separators \u2028 \u2029 and a literal _x0041_ escape',
    ];
    const notes = `${lines[0]}\r\n${lines[1]}\r${lines[2]}\n${lines[3]}`;
    expect(findRefusedCharacter(notes)).toBeUndefined();
    const parts = xmlParts(await renderBriefDocx(edit(notes, 'Title with <b> & 👩🏽‍⚕️')));
    expect(documentText(parts['word/document.xml']!)).toContain(lines.join('\n'));
    expect(parts['docProps/core.xml']).toContain('Title with &lt;b&gt; &amp; 👩🏽‍⚕️');
  });

  it('refuses control characters when a brief is edited, naming the field and the character', () => {
    for (const [char, point] of [
      ['\u0007', 'U+0007'],
      ['\u001b', 'U+001B'],
      ['\u0085', 'U+0085'],
      ['\u007f', 'U+007F'],
      ['\uffff', 'U+FFFF'],
      ['\ud800', 'U+D800'],
    ] as const) {
      expect(() => edit(`bell ${char} here`)).toThrow(BriefInputError);
      expect(() => edit(`bell ${char} here`)).toThrow(new RegExp(`notes.*${point.replace('+', '\\+')} at character 6`));
    }
  });

  it('shows characters XML cannot hold in older text instead of writing a corrupt file or dropping them', async () => {
    const accepted = edit('placeholder');
    const legacy: BriefVersion = {
      ...accepted,
      content: { ...accepted.content, notes: 'bell\u0007 escape\u001b del\u007f c1\u0085 nonchar\uffff end' },
    };
    const parts = xmlParts(await renderBriefDocx(legacy));
    expect(documentText(parts['word/document.xml']!)).toContain(
      'bell\u2407 escape\u241b del\u2421 c1\ufffd nonchar\ufffd end',
    );
  });
});
