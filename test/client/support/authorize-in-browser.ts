/**
 * Plays the browser's part of an authorization request for tests: a signed-in browser opens
 * the authorization URL and follows it back to the app's redirect URI.
 * @module
 */
import type { TestClient } from '../../support/test-client.js';

/**
 * Opens `authorizationUrl` as `browser` and returns the callback URL the service sends the
 * browser to. A consent page with a form is submitted as the person would.
 * @throws Error with the status when the service neither redirects nor shows a form.
 */
export async function authorizeInBrowser(
  browser: TestClient,
  authorizationUrl: string,
  baseUrl: string,
): Promise<string> {
  const url = new URL(authorizationUrl);
  const first = await browser.request('GET', url.pathname + url.search);
  const redirect = first.headers.get('location');
  if (first.status >= 300 && first.status < 400 && redirect !== null) return redirect;

  const form = readForm(first.text, baseUrl);
  if (form === null) throw new Error(`the authorization page answered ${first.status}`);
  const submitted = await browser.request('POST', form.action, {
    body: form.fields.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
  });
  const location = submitted.headers.get('location');
  if (location === null) throw new Error(`the consent form answered ${submitted.status}`);
  return location;
}

function readForm(
  html: string,
  baseUrl: string,
): { action: string; fields: URLSearchParams } | null {
  const form = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) return null;
  const action = /action="([^"]*)"/i.exec(form[0])?.[1] ?? '';
  const fields = new URLSearchParams();
  for (const input of form[1]?.matchAll(/<(?:input|button)[^>]*>/gi) ?? []) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    const value = /value="([^"]*)"/i.exec(input[0])?.[1] ?? '';
    if (name !== undefined && !fields.has(name)) fields.set(name, decodeEntities(value));
  }
  const target = new URL(decodeEntities(action), baseUrl);
  return { action: target.pathname + target.search, fields };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
