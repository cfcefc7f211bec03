/** Header text read per header; proxies append on the right, so the tail is what counts. */
const MAX_HEADER_CHARS = 4096;

/** Hops read per request, counted from the right. */
const MAX_HOPS = 20;

/** One comma-separated element of `Forwarded`, keeping commas inside quoted strings. */
const FORWARDED_ELEMENT = /(?:[^,"]|"(?:[^"\\]|\\.)*")+/g;

/** The `for` parameter of one element; the value is a token or a quoted string. */
const FOR_PARAMETER = /(?:^|;)\s*for\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i;

/** The forwarding headers of one request, as received (repeated headers joined by commas). */
export interface ForwardingHeaders {
  /** `X-Forwarded-For`. */
  forwardedFor: string | undefined;
  /** RFC 7239 `Forwarded`. */
  forwarded: string | undefined;
}

/**
 * Lists the client-side hops named by the forwarding headers, leftmost first.
 *
 * `Forwarded` wins when it names at least one `for=` hop; otherwise `X-Forwarded-For` is read.
 * Only the last 4 KB of a header and its last 20 hops are considered. Entries are returned
 * raw (ports, brackets and `unknown` included); an element without `for=` becomes `""`.
 *
 * @param headers - The two headers; either may be missing.
 * @returns Up to 20 hop strings, oldest (furthest from this server) first.
 */
export function readForwardedHops(headers: ForwardingHeaders): string[] {
  const forwarded = readForwardedElements(headers.forwarded);
  const hops = forwarded.some((hop) => hop !== '')
    ? forwarded
    : readForwardedForList(headers.forwardedFor);
  return hops.slice(-MAX_HOPS);
}

function readForwardedForList(value: string | undefined): string[] {
  return keepTail(value ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
}

function readForwardedElements(value: string | undefined): string[] {
  const elements = keepTail(value ?? '').match(FORWARDED_ELEMENT) ?? [];
  return elements.filter((element) => element.trim() !== '').map(readForParameter);
}

function readForParameter(element: string): string {
  const value = FOR_PARAMETER.exec(element.trim())?.[1]?.trim() ?? '';
  return value.startsWith('"') ? unquote(value) : value;
}

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
}

function keepTail(value: string): string {
  if (value.length <= MAX_HEADER_CHARS) return value;
  const tail = value.slice(-MAX_HEADER_CHARS);
  // The cut almost always lands inside an entry; drop that fragment rather than misread it.
  const firstComma = tail.indexOf(',');
  return firstComma === -1 ? '' : tail.slice(firstComma + 1);
}
