import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { extensionFits, sniffMediaType } from './sniff-media-type.ts';

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n...'), 'x.pdf', 'application/pdf'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'x.png', 'image/png'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'x.jpg', 'image/jpeg'],
    [
      'a WebP',
      Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]),
      'x.webp',
      'image/webp',
    ],
    ['plain text', Buffer.from('Decree 12/2018, article 4\r\n'), 'notes.txt', 'text/plain'],
    ['CSV', Buffer.from('a,b\n1,2\n'), 'table.csv', 'text/csv'],
  ])('recognises %s', (_name, bytes, filename, expected) => {
    expect(sniffMediaType(bytes, filename)).toBe(expected);
  });

  it.each([
    ['HTML with script', Buffer.from('<html><script>alert(1)</script></html>'), 'x.txt'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), 'x.txt'],
    ['an executable', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'x.pdf'],
    ['a plain zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'x.docx'],
    ['an empty file', Buffer.alloc(0), 'x.txt'],
  ])('refuses %s', (_name, bytes, filename) => {
    expect(sniffMediaType(bytes, filename)).toBeUndefined();
  });

  it('recognises a real xlsx workbook', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('a').getCell('A1').value = 1;
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    expect(sniffMediaType(bytes, 'x.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('refuses an extension that does not fit the content', () => {
    expect(extensionFits('application/pdf', 'report.pdf')).toBe(true);
    expect(extensionFits('application/pdf', 'report.png')).toBe(false);
  });
});
