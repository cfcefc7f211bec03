/**
 * The confirmation dialogs of the sessions page. They open only with script; without it the
 * same buttons lead to confirmation pages.
 * @module
 */
import { html, type SafeHtml } from '../html.js';
import { csrfField } from './layout.js';
import { renderSignOutAllChoices } from './sign-out-all-page.js';
import { SIGN_OUT_ONE_EFFECT } from './sign-out-one-page.js';

/** Both dialogs; the script fills in the device name of the first. */
export function renderSignOutDialogs(input: {
  count: number;
  csrfToken: string;
  /** The sign-out-all choice asks for the password (see `renderSignOutAllChoices`). */
  needsPassword?: boolean;
}): SafeHtml {
  return html`<dialog
      id="sign-out-one"
      aria-labelledby="sign-out-one-title"
      aria-describedby="sign-out-one-text"
    >
      <h2 id="sign-out-one-title">Sign out <span data-device-name>this session</span>?</h2>
      <p id="sign-out-one-text">${SIGN_OUT_ONE_EFFECT}</p>
      <p class="alert error" role="alert" data-dialog-error hidden></p>
      <form method="post" class="choices" data-confirm-one>
        ${csrfField(input.csrfToken)}
        <button type="submit" class="button danger">Sign out</button>
        <button type="button" class="button" data-close>Cancel</button>
      </form>
    </dialog>
    <dialog id="sign-out-all" aria-labelledby="sign-out-all-title">
      <h2 id="sign-out-all-title">Sign out of all devices?</h2>
      ${renderSignOutAllChoices(input)}
      <p><button type="button" class="button" data-close>Cancel</button></p>
    </dialog>`;
}
