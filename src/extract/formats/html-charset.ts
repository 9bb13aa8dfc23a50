import { TextDecoder } from 'node:util';

/** A charset label in a Content-Type header or a `<meta>` tag: `charset=windows-1252`, quoted or not. */
const CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;
/** How far into a page its `<meta charset>` must come (the HTML standard says 1024 bytes; pages overrun it). */
const META_BYTES = 2048;

/**
 * Decodes an HTML page as a browser would: by the charset its HTTP Content-Type names,
 * else the one its `<meta charset>` or `http-equiv` tag names, else by sniffing the bytes
 * (a byte-order mark; bytes that are valid UTF-8; otherwise windows-1252, the encoding
 * standard's default for English pages, which older council sites still write). A label
 * the decoder does not know is passed over for the next source.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  const head = Buffer.from(bytes.subarray(0, META_BYTES)).toString('latin1');
  const metaTag = /<meta[^>]+charset[^>]*>/i.exec(head)?.[0] ?? '';
  for (const label of [CHARSET.exec(contentType ?? '')?.[1], CHARSET.exec(metaTag)?.[1]]) {
    const decoder = label === undefined ? null : decoderFor(label);
    if (decoder !== null) return decode(decoder, bytes);
  }
  return decode(sniffedDecoder(bytes), bytes);
}

/**
 * Windows-1252's 0x80–0x9F (curly quotes, dashes, €, …), which Node 20's TextDecoder turns
 * into C1 control characters, as if the page were ISO-8859-1.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decode(decoder: TextDecoder, bytes: Uint8Array): string {
  if (decoder.encoding !== 'windows-1252') return decoder.decode(bytes);
  // Labels such as latin1 and iso-8859-1 mean windows-1252 too (WHATWG Encoding, "labels").
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** A decoder for a charset label, or null when the label names no encoding (a typo, an invented name). */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** UTF-8 (with or without a BOM) when the bytes are valid UTF-8, UTF-16 by its BOM, else windows-1252. */
function sniffedDecoder(bytes: Uint8Array): TextDecoder {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8');
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return new TextDecoder('windows-1252');
  }
}
