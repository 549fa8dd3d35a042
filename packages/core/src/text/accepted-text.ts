/**
 * The text migov accepts from its users: Unicode text without control characters other than tab,
 * line feed and carriage return. Refused: the C0 controls (U+0000-U+001F but those three), DEL
 * (U+007F), the C1 controls (U+0080-U+009F), the noncharacters U+FFFE and U+FFFF and lone UTF-16
 * surrogates. None of them is meaningful in an answer, a comment or a brief, XML 1.0 (and so .xlsx
 * and .docx) cannot hold most of them, and PostgreSQL cannot store NUL: refusing them where text
 * comes in is what lets every output keep everything a user entered.
 */

const REFUSED =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A refused character: its position (0-based, in UTF-16 units), its code point as U+XXXX, and why. */
export interface RefusedCharacter {
  index: number;
  codePoint: string;
  message: string;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character of `text` that migov does not accept, or undefined when the whole text is accepted. */
export function findRefusedCharacter(text: string): RefusedCharacter | undefined {
  const found = REFUSED.exec(text);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0);
  const codePoint = hex(code);
  const where = `at character ${found.index + 1}`;
  if (code >= 0xd800 && code <= 0xdfff)
    return {
      index: found.index,
      codePoint,
      message: `contains the lone UTF-16 surrogate ${codePoint} ${where}, which is not Unicode text`,
    };
  if (code === 0xfffe || code === 0xffff)
    return { index: found.index, codePoint, message: `contains the noncharacter ${codePoint} ${where}` };
  return {
    index: found.index,
    codePoint,
    message: `contains the control character ${codePoint} ${where}; only tab, line feed and carriage return are accepted`,
  };
}

/** `text` with every refused character replaced by `replacement(character)`; accepted text comes back unchanged. */
export function replaceRefused(text: string, replacement: (character: string) => string): string {
  return REFUSED.test(text) ? text.replace(new RegExp(REFUSED.source, 'g'), replacement) : text;
}

/**
 * Text for a document format that cannot hold refused characters (XML 1.0): each becomes a visible
 * stand-in instead of vanishing — the Unicode control picture of a C0 control or DEL (U+2400-U+2421),
 * U+FFFD for the others. Accepted text comes back unchanged.
 */
export function visibleInXml(text: string): string {
  return replaceRefused(text, (char) => {
    const code = char.charCodeAt(0);
    if (code <= 0x1f) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}
