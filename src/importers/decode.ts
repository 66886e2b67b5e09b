/**
 * National files arrive as UTF-8, as Windows-1252, or as UTF-8 that was once Windows-1252 read as
 * Latin-1 (an en dash then appears as the C1 control U+0096). All three decode to the same text.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  repairedCharacters: number;
}

// Windows-1252's 0x80-0x9F block (Node's TextDecoder treats windows-1252 as Latin-1, so we map it).
// Five bytes are undefined in Windows-1252 and stay as they are.
const cp1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const latin1 = new TextDecoder('latin1');

export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: DecodedText['encoding'] = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = latin1.decode(bytes);
    encoding = 'windows-1252';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let repaired = 0;
  text = text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = cp1252High[c.charCodeAt(0) - 0x80] ?? c;
    if (encoding === 'utf-8' && mapped !== c) repaired++;
    return mapped;
  });
  return { text, encoding, repairedCharacters: repaired };
}
