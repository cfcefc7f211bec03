import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkspaceMember, WorkspaceRole } from './workspace.js';
import { canAssignRole, canManageWorkspace, canRemoveMember } from './workspace-roles.js';

function member(accountId: string, role: WorkspaceRole): WorkspaceMember {
  return { workspaceId: 'wsp_1', accountId, role, joinedAt: 0 };
}

describe('canManageWorkspace()', () => {
  it('is true for owners and admins only', () => {
    assert.deepEqual((['owner', 'admin', 'member', 'guest'] as const).map(canManageWorkspace), [
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('canAssignRole()', () => {
  it('lets an admin move people between member and guest, and nothing more', () => {
    assert.equal(canAssignRole('admin', 'guest', 'member'), true);
    assert.equal(canAssignRole('admin', null, 'guest'), true);
    assert.equal(canAssignRole('admin', 'member', 'admin'), false);
    assert.equal(canAssignRole('admin', 'admin', 'member'), false);
    assert.equal(canAssignRole('admin', 'owner', 'member'), false);
  });

  it('lets an owner grant and take away owner and admin', () => {
    assert.equal(canAssignRole('owner', 'member', 'admin'), true);
    assert.equal(canAssignRole('owner', 'admin', 'owner'), true);
    assert.equal(canAssignRole('owner', 'owner', 'guest'), true);
  });

  it('never lets a member or guest assign a role', () => {
    assert.equal(canAssignRole('member', 'guest', 'member'), false);
    assert.equal(canAssignRole('guest', null, 'guest'), false);
  });
});

describe('canRemoveMember()', () => {
  it('lets anyone leave, admins remove members and guests, and owners remove anyone', () => {
    assert.equal(canRemoveMember(member('a', 'guest'), member('a', 'guest')), true);
    assert.equal(canRemoveMember(member('a', 'admin'), member('b', 'member')), true);
    assert.equal(canRemoveMember(member('a', 'admin'), member('b', 'admin')), false);
    assert.equal(canRemoveMember(member('a', 'owner'), member('b', 'admin')), true);
    assert.equal(canRemoveMember(member('a', 'member'), member('b', 'guest')), false);
  });
});
