import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../db/schema.js';
import { renderMessage } from '../../platform/messages.js';
import { decideStatus, type StatusInput } from './status-rules.js';

const status = fc.constantFrom<TicketStatus>('new', 'open', 'pending', 'hold', 'solved', 'closed');
const input: fc.Arbitrary<StatusInput> = fc.record({
  current: fc.option(status, { nil: null }),
  requested: fc.option(status, { nil: undefined }),
  actor: fc.constantFrom<StatusInput['actor']>('agent', 'requester', 'other-end-user', 'system'),
  publicComment: fc.boolean(),
  assigned: fc.boolean(),
  assigning: fc.boolean(),
  merging: fc.boolean(),
});

describe('ticket status rules (properties)', () => {
  it('never changes a closed ticket', () => {
    fc.assert(fc.property(input, (i) => !decideStatus({ ...i, current: 'closed' }).ok));
  });

  it('never solves or closes a ticket without an assignee, unless merging it away', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = decideStatus({ ...i, assigned: false, merging: false });
        return !d.ok || (d.status !== 'solved' && d.status !== 'closed');
      }),
    );
  });

  it('lets end users move a status only by reopening it with a public reply, or the requester by solving it', () => {
    fc.assert(
      fc.property(input, (i) => {
        const actor = i.actor === 'agent' || i.actor === 'system' ? 'requester' : i.actor;
        const d = decideStatus({ ...i, actor });
        if (!d.ok || i.current === null) {
          return true;
        }
        const solvedByRequester = actor === 'requester' && i.requested === 'solved' && d.status === 'solved' && i.assigned;
        return d.status === i.current || (d.status === 'open' && i.publicComment) || solvedByRequester;
      }),
    );
  });

  it('lets the requester, and no other end user, mark an assigned request solved', () => {
    expect(decideStatus({ current: 'pending', requested: 'solved', actor: 'requester', publicComment: false, assigned: true, assigning: false })).toEqual({ ok: true, status: 'solved' });
    expect(decideStatus({ current: 'pending', requested: 'solved', actor: 'other-end-user', publicComment: false, assigned: true, assigning: false }).ok).toBe(false);
    expect(decideStatus({ current: 'new', requested: 'solved', actor: 'requester', publicComment: false, assigned: false, assigning: false }).ok).toBe(false);
    expect(decideStatus({ current: 'open', requested: 'pending', actor: 'requester', publicComment: false, assigned: true, assigning: false }).ok).toBe(false);
  });

  it('never returns a ticket to new, and reaches closed only from solved or by a merge', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = decideStatus({ ...i, merging: false });
        if (!d.ok || i.current === null) {
          return true;
        }
        return (d.status !== 'new' || i.current === 'new') && (d.status !== 'closed' || i.current === 'solved');
      }),
    );
  });

  it('reopens a pending, on-hold or solved ticket when the requester replies publicly', () => {
    fc.assert(
      fc.property(fc.constantFrom<TicketStatus>('pending', 'hold', 'solved'), fc.boolean(), (current, assigned) => {
        const d = decideStatus({ current, requested: undefined, actor: 'requester', publicComment: true, assigned, assigning: false });
        return d.ok && d.status === 'open';
      }),
    );
  });

  it('lets only agents merge, and never reopens a closed ticket by merging', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = decideStatus({ ...i, merging: true });
        if (i.current === 'closed') {
          return !d.ok;
        }
        if (i.current !== null && (i.actor === 'agent' || i.actor === 'system')) {
          return d.ok && d.status === 'closed';
        }
        return !d.ok || d.status !== 'closed' || i.current === 'solved';
      }),
    );
  });

  it('is deterministic: the same change always decides the same', () => {
    fc.assert(fc.property(input, (i) => JSON.stringify(decideStatus(i)) === JSON.stringify(decideStatus({ ...i }))));
  });
});

describe('ticket status rules (examples)', () => {
  const base: StatusInput = { current: 'new', requested: undefined, actor: 'agent', publicComment: false, assigned: false, assigning: false };
  it.each([
    [{ ...base, current: null }, 'new'],
    [{ ...base, current: null, assigned: true }, 'open'],
    [{ ...base, assigning: true, assigned: true }, 'open'],
    [{ ...base, publicComment: true }, 'open'],
    [{ ...base, actor: 'requester' as const, publicComment: true }, 'new'],
    [{ ...base, current: 'open' as const, requested: 'pending' as const, assigned: true }, 'pending'],
    [{ ...base, current: 'solved' as const, actor: 'requester' as const, publicComment: true, assigned: true }, 'open'],
    [{ ...base, current: 'solved' as const, requested: 'closed' as const, assigned: true }, 'closed'],
  ])('%o → %s', (i, expected) => {
    expect(decideStatus(i)).toEqual({ ok: true, status: expected });
  });

  it.each([
    [{ ...base, current: 'open' as const, requested: 'solved' as const }, /assignee/],
    [{ ...base, current: 'open' as const, requested: 'new' as const }, /back to new/],
    [{ ...base, current: 'open' as const, requested: 'closed' as const, assigned: true }, /solved ticket/],
    [{ ...base, current: 'open' as const, requested: 'pending' as const, actor: 'requester' as const, assigned: true }, /only agents/],
    [{ ...base, current: 'open' as const, requested: 'solved' as const, actor: 'other-end-user' as const, assigned: true }, /only agents/],
  ])('refuses %o', (i, reason) => {
    const d = decideStatus(i);
    expect(d.ok).toBe(false);
    expect(d.ok ? '' : renderMessage('en', d.reason)).toMatch(reason);
  });
});
