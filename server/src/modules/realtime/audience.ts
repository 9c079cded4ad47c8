import type { Permissions } from '../../platform/permissions.js';

/** Who may hear about a ticket event: the ticket's people and place, as they were then. */
export type Audience = {
  requesterId: number;
  assigneeId: number | null;
  groupId: number | null;
  organizationId: number | null;
  organizationShared: boolean;
  ccIds: number[];
  /** False for an internal note: agents only. */
  public: boolean;
  /** Set for a personal event (a notification): these users only. */
  userIds?: number[];
};

export type Listener = {
  userId: number;
  permissions: Permissions;
  groupIds: ReadonlySet<number>;
  organizationId: number | null;
};

/**
 * The ticket access rule of tickets/access.ts, on an event instead of a row, so a
 * socket hears only what its user could read through the API.
 */
export function mayHear(l: Listener, a: Audience): boolean {
  if (a.userIds) {
    return a.userIds.includes(l.userId);
  }
  if (!a.public && !l.permissions.isAgent) {
    return false;
  }
  switch (l.permissions.ticketAccess) {
    case 'all':
      return true;
    case 'groups':
      return a.assigneeId === l.userId || (a.groupId !== null && l.groupIds.has(a.groupId));
    case 'assigned':
      return a.assigneeId === l.userId;
    case 'requested':
      return (
        a.requesterId === l.userId ||
        a.ccIds.includes(l.userId) ||
        (a.organizationShared && a.organizationId !== null && a.organizationId === l.organizationId)
      );
    case 'none':
      return false;
  }
}
