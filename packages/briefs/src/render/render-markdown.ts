/** Markdown rendering of a brief version. */
import type { BriefVersion } from '../brief.model.ts';
import { briefBlocks } from './brief-blocks.ts';

/** Escape what Markdown would read as markup, so that edited text prints as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (character) => `\\${character}`).replace(/^(\s*)([#+-]|\d+\.)(\s)/, '$1\\$2$3');
}

/** The brief as Markdown (CommonMark with task-list items for the checklist). */
export function renderBriefMarkdown(version: BriefVersion): string {
  const lines: string[] = [];
  for (const block of briefBlocks(version)) {
    switch (block.type) {
      case 'heading':
        lines.push(`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`, '');
        break;
      case 'paragraph':
        lines.push(escapeMarkdown(block.text), '');
        break;
      case 'list':
        lines.push(...block.items.map((item) => `- ${escapeMarkdown(item)}`), '');
        break;
      case 'checklist':
        lines.push(...block.items.map((item) => `- [${item.checked ? 'x' : ' '}] ${escapeMarkdown(item.text)}`), '');
        break;
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
