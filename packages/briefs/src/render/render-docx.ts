/**
 * DOCX rendering of a brief version with the `docx` package (docs/decisions/0501). Every text goes
 * through {@link runs}: line breaks become Word line breaks, and a character XML cannot hold (refused
 * at input, but a brief may hold older text) becomes a visible stand-in, so the document is always
 * well-formed and nothing disappears from it silently.
 */
import { visibleInXml } from '@migov/core';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { BriefVersion } from '../brief.model.ts';
import { briefBlocks } from './brief-blocks.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** The runs of a text: one per line, each after the first starting on a new line. */
function runs(text: string): TextRun[] {
  return visibleInXml(text)
    .split(/\r\n|\r|\n/)
    .map((line, index) => new TextRun({ text: line, ...(index > 0 ? { break: 1 } : {}) }));
}

/** The brief as a Word document (Office Open XML). */
export async function renderBriefDocx(version: BriefVersion): Promise<Uint8Array> {
  const children: Paragraph[] = [];
  for (const block of briefBlocks(version)) {
    switch (block.type) {
      case 'heading':
        children.push(new Paragraph({ children: runs(block.text), heading: HEADINGS[block.level] }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: runs(block.text) }));
        break;
      case 'list':
        for (const item of block.items) children.push(new Paragraph({ children: runs(item), bullet: { level: 0 } }));
        break;
      case 'checklist':
        for (const item of block.items)
          children.push(new Paragraph({ children: runs(`${item.checked ? '☑' : '☐'} ${item.text}`) }));
        break;
    }
  }
  const document = new Document({
    creator: visibleInXml(version.createdBy),
    title: visibleInXml(version.content.title),
    description: `Cooperation Framework brief, version ${version.version}`,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
