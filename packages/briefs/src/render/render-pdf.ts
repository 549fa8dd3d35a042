/**
 * PDF rendering of a brief version with pdfkit (pure JavaScript, no browser). The standard Helvetica
 * fonts cover Latin-1 (WinAnsi) text; see docs/decisions/0500.
 */
import PDFDocument from 'pdfkit';
import type { BriefVersion } from '../brief.model.ts';
import { briefBlocks } from './brief-blocks.ts';

const HEADING_SIZES = { 1: 18, 2: 14, 3: 11.5 } as const;

/** The brief as a PDF file (A4). */
export function renderBriefPdf(version: BriefVersion): Promise<Uint8Array> {
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
  for (const block of briefBlocks(version)) {
    switch (block.type) {
      case 'heading':
        document.moveDown(block.level === 1 ? 0 : 0.6);
        document.font('Helvetica-Bold').fontSize(HEADING_SIZES[block.level]).text(block.text, { width });
        document.moveDown(0.3);
        break;
      case 'paragraph':
        document.font('Helvetica').fontSize(10).text(block.text, { width });
        document.moveDown(0.4);
        break;
      case 'list':
        document.font('Helvetica').fontSize(10);
        for (const item of block.items) document.text(`- ${item}`, { width, indent: 0 });
        document.moveDown(0.4);
        break;
      case 'checklist':
        document.font('Helvetica').fontSize(10);
        for (const item of block.items) document.text(`[${item.checked ? 'x' : ' '}] ${item.text}`, { width });
        document.moveDown(0.4);
        break;
    }
  }
  document.end();
  return done;
}
