/**
 * The answer to a page form whose token is missing or wrong.
 * @module
 */
import { html } from '../html.js';
import { renderLayout } from './layout.js';

/** Explains, without blame, that the form has to be sent again from a fresh page. */
export function renderRefusedFormPage(input: { backPath: string }): string {
  const body = html`<section class="card narrow" aria-labelledby="title">
    <h1 id="title">That didn't go through</h1>
    <p>
      The form was out of date, or it was sent from another site. Nothing was changed. Open the page
      again and repeat what you were doing.
    </p>
    <p><a class="button primary" href="${input.backPath}">Open the page again</a></p>
    <p class="hint">Error code: cross_site_request</p>
  </section>`;
  return renderLayout({ title: 'Not sent', body, account: null });
}
