/**
 * Hostile inputs for the HTTP fuzz suites. Generated values may hold placeholders such as
 * `{{browser}}` that the suite replaces with a live credential at the moment of sending, so a
 * shrunk counterexample still names which credential it used.
 * @module
 */
import fc from 'fast-check';
import type { RawHeader } from './raw-http.js';

/** What a placeholder stands for; filled in by the suite just before a request is sent. */
export type Placeholder =
  | 'browser'
  | 'app'
  | 'refresh'
  | 'ownSession'
  | 'otherSession'
  | 'otherRefresh'
  | 'visitor'
  | 'visitorCsrf'
  | 'sessionCsrf'
  | 'email'
  | 'password';

/** Marks every generated credential-like value, so an echo of one is easy to find. */
export const SECRET_MARKER = 's3cr3t';

/** One generated request, before placeholders are filled in. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: RawHeader[];
  body: string | undefined;
}

/** A route to aim at: method and path template, `{name}` for a path parameter. */
export interface RouteTemplate {
  method: string;
  path: string;
}

const HOME = '/settings/security/sessions';

/** The form and OAuth routes, besides those `/openapi.json` lists. */
export const EXTRA_ROUTES: readonly RouteTemplate[] = Object.freeze([
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/sign-in' },
  { method: 'POST', path: '/sign-in' },
  { method: 'GET', path: '/sign-up' },
  { method: 'POST', path: '/sign-up' },
  { method: 'GET', path: '/sign-out' },
  { method: 'POST', path: '/sign-out' },
  { method: 'GET', path: HOME },
  { method: 'GET', path: `${HOME}/list` },
  { method: 'GET', path: `${HOME}/{id}/sign-out` },
  { method: 'POST', path: `${HOME}/{id}/sign-out` },
  { method: 'GET', path: `${HOME}/sign-out-all` },
  { method: 'POST', path: `${HOME}/sign-out-all` },
  { method: 'POST', path: `${HOME}/devices/{deviceKey}/sign-out` },
  { method: 'GET', path: '/settings/workspaces' },
  { method: 'GET', path: '/settings/security/activity' },
  { method: 'GET', path: '/settings/security/password' },
  { method: 'POST', path: '/settings/security/password' },
  { method: 'GET', path: '/forgot-password' },
  { method: 'POST', path: '/forgot-password' },
  { method: 'GET', path: '/reset-password' },
  { method: 'POST', path: '/reset-password' },
  { method: 'GET', path: '/.well-known/oauth-authorization-server' },
  { method: 'GET', path: '/oauth/authorize' },
  { method: 'POST', path: '/oauth/authorize' },
  { method: 'POST', path: '/oauth/token' },
  { method: 'POST', path: '/oauth/revoke' },
]);

/** Field names the service reads somewhere, plus keys that poison careless object handling. */
const FIELD_NAMES = [
  'email',
  'password',
  'name',
  'keepCurrent',
  'csrf',
  'scope',
  'client_id',
  'grant_type',
  'refresh_token',
  'token',
  'code',
  'redirect_uri',
  'code_verifier',
  'code_challenge',
  'code_challenge_method',
  'response_type',
  'state',
  'plan',
  'role',
  'accountId',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
] as const;

/** Fields whose values are credentials, so they get the secret-bearing generator. */
const CREDENTIAL_FIELDS = new Set([
  'password',
  'csrf',
  'refresh_token',
  'token',
  'code',
  'code_verifier',
]);

/** Text of every kind: ASCII, any Unicode, and the awkward code points. */
export function anyText(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\r\n',
      '\u202e',
      '\ufeff',
      '\ud800',
      '𝕬𝖑𝖑𝖔',
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' OR 1=1 --",
      '../../../etc/passwd',
      '%00',
      '${7*7}',
      '{{7*7}}',
    ),
  );
}

/** A string of 1 000 to 70 000 characters: around and above the 64 KB body limit. */
export function hugeText(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1_000, max: 70_000 }), fc.constantFrom('x', 'é', '𝕏', '\u0000'))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));
}

/** A credential-shaped value: a live one, garbage marked as secret, or a near miss. */
export function credentialValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('{{browser}}', '{{app}}', '{{refresh}}', '{{otherRefresh}}'),
    fc.constantFrom('{{sessionCsrf}}', '{{visitorCsrf}}', '{{password}}'),
    anyText(60).map((text) => `${SECRET_MARKER}${text}`),
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((token) => `${SECRET_MARKER}${token}`),
    fc.integer({ min: 100, max: 10_000 }).map((n) => `${SECRET_MARKER}${'A'.repeat(n)}`),
  );
}

/** A JSON value of any shape, as text (so duplicate keys and deep nesting stay possible). */
export function jsonValueText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
    anyText().map((text) => JSON.stringify(text)),
    hugeText().map((text) => JSON.stringify(text)),
    fc.constantFrom('0', '-1', '1e308', '-0', '1.5', 'true', 'false', 'null', '[]', '{}'),
    fc.integer({ min: 1, max: 3_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc
      .integer({ min: 1, max: 3_000 })
      .map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    fc.constantFrom('"{{email}}"', '"{{ownSession}}"', '"{{otherSession}}"', '"allo-desktop"'),
  );
}

function fieldName(): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: fc.constantFrom(...FIELD_NAMES), weight: 4 }, anyText(12));
}

function fieldEntry(): fc.Arbitrary<[string, string]> {
  return fieldName().chain((name) => {
    const value = CREDENTIAL_FIELDS.has(name)
      ? credentialValue().map((text) => JSON.stringify(text))
      : jsonValueText();
    return value.map((text): [string, string] => [name, text]);
  });
}

/** A JSON object body as text; keys may repeat and include `__proto__`. */
export function jsonObjectBody(): fc.Arbitrary<string> {
  return fc
    .array(fieldEntry(), { maxLength: 8 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
}

/** A form-encoded body; keys may repeat or use bracket syntax. */
export function formBody(): fc.Arbitrary<string> {
  const pair = fieldEntry().map(([name, json]) => {
    const value = decodeJsonString(json);
    return `${percentEncode(name)}=${percentEncode(value)}`;
  });
  const odd = fc.constantFrom(
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    'email[]=a&email[]=b',
    'a[b][c]=d',
    '&&&',
    '=',
    'a=%zz&b=%',
    'csrf={{sessionCsrf}}',
    'csrf={{visitorCsrf}}',
  );
  return fc.array(fc.oneof({ arbitrary: pair, weight: 4 }, odd), { maxLength: 8 }).map((parts) => {
    return parts.join('&');
  });
}

function decodeJsonString(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : json;
  } catch {
    return json;
  }
}

/** A body and the content type it is sent with (often the wrong one). */
export function bodyWithType(): fc.Arbitrary<{ body: string | undefined; type: string | null }> {
  const type = fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'application/json; charset=utf-8',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/problem+json',
    'application/xml',
    'application/x-www-form-urlencoded; charset=iso-8859-1',
    'application/json, text/plain',
    '',
  );
  const body = fc.oneof(
    { arbitrary: jsonObjectBody(), weight: 4 },
    { arbitrary: formBody(), weight: 4 },
    jsonValueText(),
    anyText(200),
    hugeText(),
  );
  return fc.record({
    body: fc.option(body, { nil: undefined, freq: 8 }),
    type: fc.option(type, { nil: null, freq: 6 }),
  });
}

/** A value for a path parameter, already encoded for the request line. */
export function pathSegment(): fc.Arbitrary<string> {
  const raw = fc.oneof(
    fc.constantFrom('{{ownSession}}', '{{otherSession}}', 'ses_x', 'sign-out-all', 'list'),
    fc.constantFrom('..', '.', '%', 'a'.repeat(65), 'a'.repeat(64), '__proto__', 'constructor'),
    anyText(80),
  );
  const encoded = raw.map((text) => (text.startsWith('{{') ? text : percentEncode(text)));
  const odd = fc.constantFrom('%00', 'a%2Fb', '%2e%2e', '%25', '%C3%A9', '%zz', '%', '%c3%28');
  return fc.oneof({ arbitrary: encoded, weight: 5 }, odd);
}

/**
 * Percent-encodes the UTF-8 bytes of a text, lone surrogates included. Placeholders such as
 * `{{app}}` stay as they are, to be filled in (live values are URL-safe).
 */
export function percentEncode(text: string): string {
  return text
    .split(/(\{\{\w+\}\})/)
    .map((part) => (/^\{\{\w+\}\}$/.test(part) ? part : encodeBytes(part)))
    .join('');
}

function encodeBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      if (/[A-Za-z0-9_.~-]/.test(char)) return char;
      return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** A header value without the bytes HTTP forbids (control characters); Unicode as UTF-8. */
export function headerText(maxLength = 200): fc.Arbitrary<string> {
  return anyText(maxLength).map(stripControls);
}

/** Removes the characters a header may not carry (everything below space, but tab, and DEL). */
export function stripControls(text: string): string {
  return [...text].filter((char) => !isControl(char.codePointAt(0) ?? 0)).join('');
}

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

function cookieHeader(): fc.Arbitrary<string> {
  const name = fc.constantFrom(
    'allo_session',
    '__Host-allo_session',
    '__HOST-allo_session',
    'ALLO_SESSION',
    'allo_form',
    '__Host-allo_form',
  );
  const pair = fc
    .tuple(name, fc.oneof(credentialValue(), headerText(30)))
    .map(([n, v]) => `${n}=${stripControls(v)}`);
  const many = fc.integer({ min: 20, max: 400 }).map((n) => {
    return Array.from({ length: n }, (_, i) => `c${i}=v${i}`).join('; ');
  });
  const duplicates = fc.constantFrom(
    'allo_session={{browser}}; allo_session=s3cr3tgarbage',
    'allo_session=s3cr3tgarbage; allo_session={{browser}}',
    'allo_session={{browser}}; __Host-allo_session={{browser}}',
    'allo_form={{visitor}}; allo_session={{browser}}',
  );
  const pairs = fc.array(pair, { minLength: 1, maxLength: 4 }).map((p) => p.join('; '));
  const live = fc.constantFrom(
    'allo_session={{browser}}',
    'allo_session={{browser}}; allo_form={{visitor}}',
  );
  return fc.oneof({ arbitrary: live, weight: 4 }, pairs, many, duplicates, headerText());
}

function authorizationHeader(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant('Bearer {{app}}'), weight: 3 },
    credentialValue().map((value) => `Bearer ${stripControls(value)}`),
    fc.constantFrom(
      'Bearer {{app}}',
      'Bearer {{browser}}',
      'bearer {{app}}',
      'Bearer  {{app}}  ',
      'Bearer\t{{app}}',
      'Bearer {{app}} {{app}}',
      'Bearer {{refresh}}',
      'Bearer',
      'Bearer ',
      'Basic czNjcjN0OnBhc3N3b3Jk',
      'Bearer ☃s3cr3t',
      'Bearer s3cr3t,Bearer {{app}}',
    ),
    headerText(),
  );
}

function userAgent(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      'okhttp/4.12.0',
      'ALLO/5130 CFNetwork/1494.0.7 Darwin/23.4.0',
      'curl/8.5.0',
      '<script>alert(1)</script>',
      'Mozilla/5.0 (<img src=x onerror=alert(1)>) Chrome/1.0',
    ),
    headerText(300),
    fc.integer({ min: 1_000, max: 4_000 }).map((n) => `Mozilla/5.0 ${'A'.repeat(n)}`),
  );
}

function alloClient(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('desktop/4.2.0', 'ios/5.1.3', 'android/5.1.0', 'ios/5.1.3-beta.2'),
    fc.constantFrom('desktop/0.0.0', 'web/1.0.0', 'desktop/4.2', 'DESKTOP/4.2.0', 'desktop/'),
    fc.constantFrom(
      'desktop/4.2.0+build',
      'ios/05.1.3',
      'a'.repeat(65),
      'desktop/4.2.0, ios/5.0.0',
    ),
    headerText(70),
  );
}

function forwardedFor(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('81.2.69.160', '203.0.113.7, 10.0.0.1', '::ffff:81.2.69.160', 'unknown'),
    fc.constantFrom('2001:db8::1', '[2001:db8::1]:443', '999.999.999.999', '127.0.0.1'),
    fc.array(fc.ipV4(), { maxLength: 30 }).map((ips) => ips.join(', ')),
    headerText(),
  );
}

function forwarded(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      'for=81.2.69.160',
      'for="[2001:db8::1]:4711";proto=https',
      'for=unknown, for=_hidden',
      'for=81.2.69.160;proto=https;host=evil.example',
      'for=',
      ';;;',
    ),
    headerText(),
  );
}

function fetchMetadata(): fc.Arbitrary<RawHeader[]> {
  const site = fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'Same-Origin', '');
  const origin = fc.constantFrom(
    'null',
    'https://evil.example',
    '{{origin}}',
    '{{origin}}.evil.example',
  );
  return fc.oneof(
    { arbitrary: fc.constant<RawHeader[]>([]), weight: 6 },
    site.map((value): RawHeader[] => [['sec-fetch-site', value]]),
    origin.map((value): RawHeader[] => [['origin', value]]),
    fc.tuple(site, origin).map(([s, o]): RawHeader[] => [
      ['sec-fetch-site', s],
      ['origin', o],
    ]),
  );
}

/** The headers of one request: any mix of credentials, client descriptions and hops. */
export function requestHeaders(): fc.Arbitrary<RawHeader[]> {
  const optional = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<RawHeader[]> =>
    fc
      .option(value, { nil: null, freq: 2 })
      .map((v): RawHeader[] => (v === null ? [] : [[name, v]]));
  const accept = fc.constantFrom('application/json', 'text/html', '*/*', 'text/event-stream');

  return fc
    .tuple(
      optional('cookie', cookieHeader()),
      fc.option(cookieHeader(), { nil: null, freq: 5 }),
      optional('authorization', authorizationHeader()),
      optional('x-allo-client', alloClient()),
      optional('user-agent', userAgent()),
      optional('x-forwarded-for', forwardedFor()),
      optional('forwarded', forwarded()),
      optional('x-forwarded-proto', fc.constantFrom('https', 'http', 'https, http', 'gopher')),
      optional('accept', accept),
      fetchMetadata(),
    )
    .map(([cookie, secondCookie, ...rest]) => {
      const second: RawHeader[] = secondCookie === null ? [] : [['cookie', secondCookie]];
      return [...cookie, ...second, ...rest.flat()];
    });
}

/** Fills a route template's parameters. */
export function routeRequest(templates: readonly RouteTemplate[]): fc.Arbitrary<{
  method: string;
  path: string;
}> {
  const query = fc.option(
    fc.constantFrom(
      '?next=//evil.example',
      '?next=https://evil.example',
      '?signed-out=1',
      '?signed-out=<script>',
      `?token=${'A'.repeat(43)}`,
      '?before=-1&limit=1e9',
      '?__proto__[x]=1',
      '?client_id=allo-desktop&redirect_uri=http%3A%2F%2F127.0.0.1.evil%2Fcallback',
      '?response_type=code&client_id=allo-desktop&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback&code_challenge=abc&code_challenge_method=S256&state=%3Cx%3E',
    ),
    { nil: '', freq: 3 },
  );
  return fc
    .tuple(
      fc.constantFrom(...templates),
      fc.array(pathSegment(), { minLength: 3, maxLength: 3 }),
      query,
    )
    .map(([route, segments, search]) => {
      let index = 0;
      const path = route.path.replace(
        /\{[^}]+\}/g,
        () => segments[index++ % segments.length] ?? '',
      );
      return { method: route.method, path: path + search };
    });
}
