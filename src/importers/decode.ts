/**
 * National files arrive as UTF-8, as Windows-1252, or as UTF-8 that was once Windows-1252 read as
 * Latin-1 (an en dash then appears as the C1 control U+0096). All three decode to the same text.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  repairedCharacters: number;
}

const cp1252 = new TextDecoder('windows-1252');

export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: DecodedText['encoding'] = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = cp1252.decode(bytes);
    encoding = 'windows-1252';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let repaired = 0;
  text = text.replace(/[\u0080-\u009f]/g, (c) => {
    repaired++;
    return cp1252.decode(Uint8Array.of(c.charCodeAt(0)));
  });
  return { text, encoding, repairedCharacters: repaired };
}
