/**
 * Profile Settings → Workspaces: where membership, roles, seats and share links are seen.
 * The Active sessions page points here for everything signing out does not change.
 * @module
 */
import type {
  MemberListing,
  Membership,
  SeatView,
  ShareLink,
  WorkspaceRole,
} from '../../workspaces/workspace.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../time-words.js';
import { renderLayout, type LayoutAccount } from './layout.js';

/** One workspace as the page shows it. */
export interface WorkspaceCard {
  membership: Membership;
  members: MemberListing[];
  seats: SeatView;
  /** The live share links, or null when the viewer's role does not let them see links. */
  shareLinks: ShareLink[] | null;
}

/** What the workspaces page shows. */
export interface WorkspacesView {
  /** The signed-in account, for the account menu. */
  account: LayoutAccount;
  workspaces: WorkspaceCard[];
}

const PLAN_NAMES: Readonly<Record<string, string>> = Object.freeze({
  free: 'Free',
  pro: 'Pro',
  team: 'Team',
  enterprise: 'Enterprise',
});

const ROLE_NAMES: Readonly<Record<WorkspaceRole, string>> = Object.freeze({
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  guest: 'Guest',
});

/** The workspaces page. */
export function renderWorkspacesPage(view: WorkspacesView): string {
  const body = html`<section class="card">
    <p class="crumbs">Profile Settings</p>
    <h1>Workspaces</h1>
    <p class="muted">
      Membership, roles, seats and share links belong to each workspace and are managed by its
      owners and admins. Signing out never changes them.
    </p>
    ${view.workspaces.length === 0 ? noWorkspaces() : view.workspaces.map(workspaceSection)}
    <p class="hint"><a href="/settings/security/sessions">Active sessions</a></p>
  </section>`;
  return renderLayout({ title: 'Workspaces', body, account: view.account });
}

function noWorkspaces(): SafeHtml {
  return html`<p>You are not a member of any workspace yet.</p>`;
}

function workspaceSection(card: WorkspaceCard): SafeHtml {
  const { workspace, role } = card.membership;
  const plan = PLAN_NAMES[workspace.plan] ?? workspace.plan;
  return html`<section class="workspace" data-workspace-id="${workspace.id}">
    <h2>${workspace.name}</h2>
    <p class="muted">${plan} plan · You are ${ROLE_NAMES[role].toLowerCase()}</p>
    ${seatSection(card.seats)}
    <h3>Members</h3>
    <ul class="members">
      ${card.members.map(memberRow)}
    </ul>
    ${card.shareLinks === null ? null : shareLinkSection(card.shareLinks)}
  </section>`;
}

function seatSection(seats: SeatView): SafeHtml {
  return html`<div class="seats">
    <h3>Seats</h3>
    <p>${seats.seatCount} of ${seats.seatLimit} seats taken. Guests do not take a seat.</p>
  </div>`;
}

function memberRow(member: MemberListing): SafeHtml {
  const who = member.name === null ? member.email : `${member.name} (${member.email})`;
  return html`<li data-account-id="${member.accountId}">
    ${who} · <strong>${ROLE_NAMES[member.role]}</strong>
  </li>`;
}

function shareLinkSection(links: ShareLink[]): SafeHtml {
  const rows = links.map(
    (link) =>
      html`<li data-link-id="${link.id}">
        Canvas ${link.canvasId} · created ${formatDate(link.createdAt)}
      </li>`,
  );
  return html`<h3>Share links</h3>
    ${
      links.length === 0
        ? html`<p class="muted">No share links.</p>`
        : html`<ul>
            ${rows}
          </ul>`
    }`;
}
