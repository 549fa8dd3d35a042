export * from './brief.model.ts';
export * from './brief-results.ts';
export * from './generate-brief.ts';
export * from './edit-brief.ts';
export * from './render/brief-blocks.ts';
export * from './render/render-markdown.ts';
export * from './render/render-pdf.ts';
export * from './render/render-docx.ts';
