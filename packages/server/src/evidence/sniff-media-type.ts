/**
 * Decide what an uploaded file is from its bytes (magic numbers), not from its name or the type the
 * client claims. Only document and image types that cannot run script in a browser are accepted.
 */

/** The media types accepted as evidence, with the extensions that go with them. */
const EVIDENCE_MEDIA_TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'text/plain': ['txt', 'md'],
  'text/csv': ['csv'],
} as const;
export type EvidenceMediaType = keyof typeof EVIDENCE_MEDIA_TYPES;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString('latin1');

function sniffZip(bytes: Uint8Array): EvidenceMediaType | undefined {
  // OpenDocument puts an uncompressed "mimetype" entry first; OOXML names its parts in the central directory.
  const head = ascii(bytes, 30, 120);
  if (head.startsWith('mimetypeapplication/vnd.oasis.opendocument.text'))
    return 'application/vnd.oasis.opendocument.text';
  if (head.startsWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'))
    return 'application/vnd.oasis.opendocument.spreadsheet';
  const names = ascii(bytes, 0, bytes.length);
  if (!names.includes('[Content_Types].xml')) return undefined;
  if (names.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (names.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return undefined;
}

function looksLikeText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
  } catch {
    return false;
  }
  // Control characters other than tab and line breaks mean binary; markup could run script when opened.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return false;
  return !/<\s*(script|html|svg|iframe|object|embed)\b/i.test(text);
}

/** The media type of a file by its content, or undefined when it is not an accepted type. */
export function sniffMediaType(bytes: Uint8Array, filename = ''): EvidenceMediaType | undefined {
  if (bytes.length === 0) return undefined;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (looksLikeText(bytes)) return filename.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  return undefined;
}

/** Whether the file name's extension fits the sniffed type (a PDF named .png is refused). */
export function extensionFits(mediaType: EvidenceMediaType, filename: string): boolean {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  return (EVIDENCE_MEDIA_TYPES[mediaType] as readonly string[]).includes(extension);
}
