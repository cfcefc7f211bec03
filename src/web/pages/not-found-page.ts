/**
 * The page a person sees for an address that leads nowhere.
 * @module
 */
import { html } from '../html.js';
import { renderLayout } from './layout.js';

/** A plain "not found" page with the way back. */
export function renderNotFoundPage(): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">There is nothing here</h1>
    <p>The address may be mistyped, or the page has moved.</p>
    <p><a href="/settings/security/sessions">Go to Active sessions</a></p>
  </section>`;
  return renderLayout({ title: 'Not found', body, account: null });
}
