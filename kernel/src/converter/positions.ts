// The Jupyter protocol counts cursor positions in Unicode code points; JavaScript strings and the
// TypeScript API count UTF-16 code units. These convert between the two.

/** UTF-16 offset of the code point position `codePoints` in `text` (clamped to the text). */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let offset = 0;
  for (let seen = 0; seen < codePoints && offset < text.length; seen++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1;
  }
  return offset;
}

/** Code point position of the UTF-16 offset `offset` in `text`. */
export function utf16ToCodePoints(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) points++;
  }
  return points;
}
