/**
 * The help around the session list: what signing out does not touch, how to judge an
 * unfamiliar session, and what to do when the page itself surprises.
 * @module
 */
import { html, type SafeHtml } from '../html.js';

/** Where workspaces, their members, seats and share links are managed. */
const WORKSPACES_PATH = '/settings/workspaces';

/** What ending sessions leaves alone, and where each of those is done instead. */
export function renderScopeNote(): SafeHtml {
  const workspaces = html`<a href="${WORKSPACES_PATH}">Workspaces</a>`;
  return html`<aside class="scope" aria-labelledby="scope-title">
    <h3 id="scope-title">Signing out only ends sessions</h3>
    <p>It does not:</p>
    <ul>
      <li>remove anyone from a workspace or change a role: ${workspaces} › Members</li>
      <li>stop billing for a seat: ${workspaces} › Seats</li>
      <li>revoke a canvas share link: ${workspaces} › Share links, or Share on the canvas</li>
      <li>restore missing work: Version history on the canvas, or Trash</li>
    </ul>
  </aside>`;
}

/** How to tell whether a session is yours, and what to do when it is not. */
export function renderUnfamiliarHelp(): SafeHtml {
  return html`<section class="card" aria-labelledby="unfamiliar-title">
    <h2 id="unfamiliar-title">Don't recognise a session?</h2>
    <p>Most surprises turn out to be your own. Compare each row with what you use:</p>
    <ul class="checks">
      <li>
        <strong>Device and app.</strong> Each browser, the desktop app and each phone has its own
        row.
      </li>
      <li><strong>Time.</strong> Does the sign-in date match a day you used ALLO there?</li>
      <li>
        <strong>Place.</strong> A VPN, a hotel or office network, a mobile carrier or travel can put
        a device far from where it really is.
      </li>
      <li>
        <strong>Borrowed computers.</strong> One you used once stays signed in until you sign it
        out.
      </li>
    </ul>
    <p>
      Still not yours? Sign it out with the button on its row, then change your password. If your
      organisation manages your sign-in, contact your IT admin. If unknown sessions keep coming
      back, contact ALLO support.
    </p>
  </section>`;
}

/** Short answers for the page's own surprises. */
export function renderTroubleshooting(idleDays: number): SafeHtml {
  return html`<section class="card" aria-labelledby="trouble-title">
    <h2 id="trouble-title">Troubleshooting</h2>
    ${[
      question(
        'A device I signed out still shows',
        html`It signed in again: its sign-in date is new. If that wasn't you, sign it out and change
        your password.`,
      ),
      question(
        "I can't tell which row is this device",
        html`It is the first row, marked <strong>This device</strong>. For the others, compare the
          kind of app and the last active time with what you have open.`,
      ),
      question(
        'I signed out of this device by mistake',
        html`Sign in again. Your canvases belong to your account, not to the session, so nothing is
        lost.`,
      ),
      question(
        "My phone or tablet isn't listed",
        html`An app is listed while it is signed in and used at least every ${idleDays} days. Open
        ALLO there: if it asks you to sign in or to update the app, its session had ended.`,
      ),
      question(
        "I'm locked out after signing out of everything",
        html`Reset your password by email through account recovery, or ask your IT admin if your
        organisation manages your sign-in. If neither works, contact ALLO support.`,
      ),
    ]}
  </section>`;
}

function question(summary: string, answer: SafeHtml): SafeHtml {
  return html`<details class="faq">
    <summary>${summary}</summary>
    <p>${answer}</p>
  </details>`;
}
