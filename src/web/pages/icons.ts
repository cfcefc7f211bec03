/**
 * The few icons the pages use, drawn once per page and referenced by id.
 * @module
 */
import { html, type SafeHtml } from '../html.js';

/** The icons in the sprite. */
export type IconName = 'web' | 'desktop' | 'mobile' | 'place';

/** The sprite; place it once in a page that uses {@link renderIcon}. */
export function renderIconSprite(): SafeHtml {
  return html`<svg class="sprite" aria-hidden="true">
    <symbol id="i-web" viewBox="0 0 24 24">
      <rect x="3" y="4" width="18" height="16" rx="2.5" />
      <path d="M3 9h18M6.5 6.5h.01M9 6.5h.01" />
    </symbol>
    <symbol id="i-desktop" viewBox="0 0 24 24">
      <rect x="2.5" y="4" width="19" height="12.5" rx="2" />
      <path d="M8.5 20.5h7M12 16.5v4" />
    </symbol>
    <symbol id="i-mobile" viewBox="0 0 24 24">
      <rect x="6.5" y="2.5" width="11" height="19" rx="2.5" />
      <path d="M11 18.5h2" />
    </symbol>
    <symbol id="i-place" viewBox="0 0 24 24">
      <path d="M12 21s-6.5-5.6-6.5-10.8a6.5 6.5 0 0 1 13 0C18.5 15.4 12 21 12 21z" />
      <circle cx="12" cy="10.2" r="2.3" />
    </symbol>
  </svg>`;
}

/** One icon; decorative, so the text next to it must say the same. */
export function renderIcon(name: IconName, className = 'icon'): SafeHtml {
  return html`<svg class="${className}" aria-hidden="true">
    <use href="#i-${name}" />
  </svg>`;
}
