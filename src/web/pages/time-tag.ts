/**
 * `<time>` elements: UTC text for pages without script, rewritten by the page script into the
 * viewer's own locale and time zone.
 * @module
 */
import { html, type SafeHtml } from '../html.js';
import { formatDate, formatDateTime } from '../time-words.js';

/** How the page script rewrites a time: a date, a date and time, or a time when it is today. */
export type TimeFormat = 'date' | 'datetime' | 'when';

/** A `<time>` element for an instant, in UTC until the script localises it. */
export function renderTime(millis: number, format: TimeFormat): SafeHtml {
  const iso = new Date(millis).toISOString();
  const text = format === 'date' ? formatDate(millis) : formatDateTime(millis);
  return html`<time datetime="${iso}" data-format="${format}">${text}</time>`;
}
