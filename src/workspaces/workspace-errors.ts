/**
 * The errors workspace rules raise, worded once.
 * @module
 */
import { AlloError } from '../domain/errors.js';

/** No such workspace, or the caller is not a member: the two look the same, so nothing leaks. */
export function workspaceNotFound(): AlloError {
  return new AlloError('workspace_not_found', 'No such workspace, or you are not a member of it.');
}

/** The caller is a member, but their role does not allow the action. */
export function forbidden(message: string): AlloError {
  return new AlloError('forbidden', message);
}

/** The account is not a member, or no active account uses the email given. */
export function memberNotFound(
  message = 'That account is not a member of this workspace.',
): AlloError {
  return new AlloError('member_not_found', message);
}

/** The account to add is already a member. */
export function alreadyMember(): AlloError {
  return new AlloError('already_member', 'That account is already a member of this workspace.');
}

/** Every seat is taken. */
export function seatLimitReached(seatLimit: number, seatCount: number): AlloError {
  const message = `All ${seatLimit} seats of this workspace's plan are taken.`;
  return new AlloError('seat_limit_reached', message, { details: { seatLimit, seatCount } });
}

/** The change would leave the workspace without an owner. */
export function lastOwner(): AlloError {
  return new AlloError(
    'last_owner',
    'A workspace keeps at least one owner. Make someone else owner first.',
  );
}

/** No live share link with that id in the workspace. */
export function shareLinkNotFound(): AlloError {
  return new AlloError(
    'share_link_not_found',
    'No such share link in this workspace, or it was already revoked.',
  );
}

/** A plan change that would leave more members holding seats than the new plan includes. */
export function seatsExceedPlan(seatLimit: number, seatCount: number): AlloError {
  const message = `That plan includes ${seatLimit} seats, and ${seatCount} members hold one.`;
  return new AlloError('seat_limit_reached', message, { details: { seatLimit, seatCount } });
}
