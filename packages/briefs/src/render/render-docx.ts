/** DOCX rendering of a brief version with the `docx` package (docs/decisions/0501). */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { BriefVersion } from '../brief.model.ts';
import { briefBlocks } from './brief-blocks.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** The brief as a Word document (Office Open XML). */
export async function renderBriefDocx(version: BriefVersion): Promise<Uint8Array> {
  const children: Paragraph[] = [];
  for (const block of briefBlocks(version)) {
    switch (block.type) {
      case 'heading':
        children.push(new Paragraph({ text: block.text, heading: HEADINGS[block.level] }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: [new TextRun(block.text)] }));
        break;
      case 'list':
        for (const item of block.items) children.push(new Paragraph({ children: [new TextRun(item)], bullet: { level: 0 } }));
        break;
      case 'checklist':
        for (const item of block.items) children.push(new Paragraph({ children: [new TextRun(`${item.checked ? '☑' : '☐'} ${item.text}`)] }));
        break;
    }
  }
  const document = new Document({
    creator: version.createdBy,
    title: version.content.title,
    description: `Cooperation Framework brief, version ${version.version}`,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
