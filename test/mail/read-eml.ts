/**
 * Just enough of RFC 5322 and MIME for tests to read back a message they sent.
 * @module
 */

/** A message split into its headers (lower-case names, unfolded) and its raw body. */
export interface ParsedEml {
  headers: Map<string, string>;
  body: string;
}

/** Splits a message at its first empty line and unfolds its headers. */
export function readEml(raw: string): ParsedEml {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) throw new Error('no empty line ends the headers');

  const unfolded = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`not a header line: ${line}`);
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

/** Undoes quoted-printable, as a text part may be encoded. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
