/**
 * PDF rendering of a brief version with pdfkit (pure JavaScript, no browser). The built-in Helvetica
 * covers only WinAnsi (Western European) text: other characters print as "?" rather than as garbage,
 * and a deployment that writes briefs in other scripts passes a Unicode TrueType font
 * (docs/decisions/0500).
 */
import PDFDocument from 'pdfkit';
import type { BriefVersion } from '../brief.model.ts';
import { briefBlocks } from './brief-blocks.ts';

/** Options of {@link renderBriefPdf}. */
export interface BriefPdfOptions {
  /** A TrueType/OpenType font (bytes) for all text, e.g. Noto Sans or DejaVu Sans; `bold` defaults to `regular`. */
  font?: { regular: Uint8Array; bold?: Uint8Array };
}

// The characters of Windows-1252 beyond Latin-1 that the standard PDF fonts can show.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Replace what the standard fonts cannot show with "?" (keeps tabs and newlines). */
function toWinAnsi(text: string): string {
  let result = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const shown =
      code === 9 ||
      code === 10 ||
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(character);
    result += shown ? character : '?';
  }
  return result;
}

const HEADING_SIZES = { 1: 18, 2: 14, 3: 11.5 } as const;

/** The brief as a PDF file (A4). */
export function renderBriefPdf(version: BriefVersion, options: BriefPdfOptions = {}): Promise<Uint8Array> {
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: version.content.title,
      Author: version.createdBy,
      Subject: `Cooperation Framework brief, version ${version.version}`,
      CreationDate: new Date(version.createdAt),
      ModDate: new Date(version.createdAt),
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    document.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    document.on('end', () => {
      const total = chunks.reduce((size, chunk) => size + chunk.length, 0);
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(bytes);
    });
    document.on('error', reject);
  });
  const width = document.page.width - 2 * 56;
  let regular = 'Helvetica';
  let bold = 'Helvetica-Bold';
  let clean = toWinAnsi;
  if (options.font) {
    document.registerFont('brief-regular', Buffer.from(options.font.regular));
    document.registerFont('brief-bold', Buffer.from(options.font.bold ?? options.font.regular));
    regular = 'brief-regular';
    bold = 'brief-bold';
    clean = (text) => text;
  }
  for (const block of briefBlocks(version)) {
    switch (block.type) {
      case 'heading':
        document.moveDown(block.level === 1 ? 0 : 0.6);
        document.font(bold).fontSize(HEADING_SIZES[block.level]).text(clean(block.text), { width });
        document.moveDown(0.3);
        break;
      case 'paragraph':
        document.font(regular).fontSize(10).text(clean(block.text), { width });
        document.moveDown(0.4);
        break;
      case 'list':
        document.font(regular).fontSize(10);
        for (const item of block.items) document.text(clean(`- ${item}`), { width });
        document.moveDown(0.4);
        break;
      case 'checklist':
        document.font(regular).fontSize(10);
        for (const item of block.items) document.text(clean(`[${item.checked ? 'x' : ' '}] ${item.text}`), { width });
        document.moveDown(0.4);
        break;
    }
  }
  document.end();
  return done;
}
