/**
 * A bare HTTP/1.1 client for hostile requests: any header bytes, repeated header names, any
 * body under any content type. `fetch` and `node:http` refuse much of what an attacker sends,
 * so this writes the request to a socket itself and reads the answer back.
 * @module
 */
import { connect } from 'node:net';

/** One header line; a Buffer value goes on the wire byte for byte, a string as UTF-8. */
export type RawHeader = readonly [name: string, value: string | Buffer];

/** A request as it will be written. */
export interface RawRequest {
  method: string;
  /** Path and query, written as given (not encoded). */
  path: string;
  headers?: readonly RawHeader[];
  body?: string | Buffer;
  /** Omits the Content-Length the body would otherwise get. */
  omitContentLength?: boolean;
}

/** An answer: status, headers (lower-case names, every value) and body. */
export interface RawResponse {
  status: number;
  headers: Map<string, string[]>;
  text: string;
  /** Milliseconds from connecting to the end of the answer. */
  elapsedMillis: number;
}

/** How long one exchange may take before it counts as a hang (10 s). */
const EXCHANGE_TIMEOUT_MILLIS = 10_000;

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Sends one request on a new connection (`Connection: close`) and reads the whole answer. An
 * event stream is cut off once its headers have arrived, since it never ends by itself.
 * @throws Error when the service closes without an answer or takes longer than 10 s.
 */
export function sendRaw(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const wire = encodeRequest(url.host, request);
  const started = performance.now();

  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${EXCHANGE_TIMEOUT_MILLIS} ms`));
    }, EXCHANGE_TIMEOUT_MILLIS);

    let isFinished = false;
    const finish = (): void => {
      if (isFinished) return;
      isFinished = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed === null) reject(new Error('the connection closed without an answer'));
      else resolve({ ...parsed, elapsedMillis: performance.now() - started });
    };

    // Not end(): a half-closed connection may be dropped before a slow answer is written.
    socket.on('connect', () => socket.write(wire));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isEventStreamHead(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    // The service may answer and reset before the whole request was written (413, 431).
    socket.on('error', () => (chunks.length > 0 ? finish() : undefined));
    socket.on('close', () => (chunks.length === 0 ? finish() : undefined));
  });
}

function encodeRequest(host: string, request: RawRequest): Buffer {
  const body = toBuffer(request.body ?? '');
  const lines: Buffer[] = [Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n`)];
  const headers: RawHeader[] = [
    ['host', host],
    ['connection', 'close'],
    ...(request.headers ?? []),
  ];
  const hasBody = request.body !== undefined && !request.omitContentLength;
  if (hasBody) headers.push(['content-length', String(body.length)]);

  for (const [name, value] of headers) {
    lines.push(Buffer.from(`${name}: `), toBuffer(value), Buffer.from('\r\n'));
  }
  lines.push(Buffer.from('\r\n'), body);
  return Buffer.concat(lines);
}

function toBuffer(value: string | Buffer): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function isEventStreamHead(received: Buffer): boolean {
  const end = received.indexOf(HEAD_END);
  if (end === -1) return false;
  return /^content-type:\s*text\/event-stream/im.test(received.subarray(0, end).toString('latin1'));
}

function parseResponse(raw: Buffer): Omit<RawResponse, 'elapsedMillis'> | null {
  const end = raw.indexOf(HEAD_END);
  if (end === -1) return null;
  const [statusLine = '', ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) return null;

  const headers = new Map<string, string[]>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const rest = raw.subarray(end + HEAD_END.length);
  const isChunked = headers.get('transfer-encoding')?.some((v) => /chunked/i.test(v)) ?? false;
  const body = isChunked ? decodeChunked(rest) : rest;
  return { status, headers, text: body.toString('utf8') };
}

function decodeChunked(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The first value of a header, or null. */
export function headerOf(response: RawResponse, name: string): string | null {
  return response.headers.get(name.toLowerCase())?.[0] ?? null;
}
