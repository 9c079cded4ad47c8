import { sql } from 'kysely';
import { actorUserId, type Ctx, inTransaction } from '../../context.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { compileConditions } from '../../rules/conditions.js';
import { diffFields, recordAudit } from '../audit-logs/record.js';
import { findGroupsByIds } from '../groups/repo.js';
import { myGroupIds } from '../groups/my-groups.js';
import { queryVisibleTickets } from '../tickets/repo.js';
import { defaultViews } from './defaults.js';
import { findView, insertView, nextViewPosition, queryViews, toView, type ViewRecord } from './repo.js';
import { type Execution, executionSchema, type Restriction, type ViewInput, type ViewPatch } from './schema.js';
import { msg } from '../../platform/messages.js';

/** Counts stop here: a queue's size is exact below it and "10k+" above, at bounded cost. */
export const COUNT_CAP = 10_000;

export async function createDefaultViews(ctx: Ctx, locale: Locale): Promise<void> {
  for (const [position, v] of defaultViews.entries()) {
    await insertView(ctx, {
      title: v.title[locale],
      description: '',
      active: true,
      position,
      restriction: null,
      conditions: v.conditions,
      execution: v.execution,
      defaultKey: v.key,
    });
  }
}

function canSee(ctx: Ctx, view: ViewRecord, groups: ReadonlySet<number>): boolean {
  const r = view.restriction;
  if (r === null) {
    return true;
  }
  if (r.type === 'User') {
    return r.id === actorUserId(ctx);
  }
  return r.ids.some((id) => groups.has(id));
}

/** The views the agent may use, in their order. Accounts hold few views, so this reads them all. */
export async function listVisibleViews(ctx: Ctx, options: { active?: boolean } = {}): Promise<ViewRecord[]> {
  let q = queryViews(ctx).orderBy('position').orderBy('id');
  if (options.active !== undefined) {
    q = q.where('active', '=', options.active ? 1 : 0);
  }
  const groups = await myGroupIds(ctx);
  return (await q.execute()).map(toView).filter((v) => canSee(ctx, v, groups));
}

export async function getVisibleView(ctx: Ctx, id: number): Promise<ViewRecord> {
  const view = await findView(ctx, id);
  if (!view || !canSee(ctx, view, await myGroupIds(ctx))) {
    throw notFound();
  }
  return view;
}

/** Shared views need the right to manage views; anyone may keep views of their own. */
async function assertMayWrite(ctx: Ctx, restriction: Restriction): Promise<void> {
  const personal = restriction?.type === 'User' && restriction.id === actorUserId(ctx);
  if (!personal && !ctx.permissions.canManageViews) {
    throw forbidden('Your role may create only personal views (restriction: { type: "User", id: your id })');
  }
  if (restriction?.type === 'Group') {
    const found = await findGroupsByIds(ctx, restriction.ids);
    if (found.length !== new Set(restriction.ids).size) {
      throw invalidField('view.restriction.ids', msg('common.no_such_group'), 'NotFound');
    }
  }
}

export async function createView(ctx: Ctx, input: ViewInput): Promise<ViewRecord> {
  const restriction = input.restriction ?? null;
  await assertMayWrite(ctx, restriction);
  return inTransaction(ctx, async (tx) => {
    const id = await insertView(tx, {
      title: input.title,
      description: input.description ?? '',
      active: input.active ?? true,
      position: input.position ?? (await nextViewPosition(tx)),
      restriction,
      conditions: input.conditions,
      execution: input.execution ?? executionSchema.parse({}),
      defaultKey: null,
    });
    await recordAudit(tx, { action: 'create', sourceType: 'view', sourceId: id, sourceLabel: input.title });
    const view = await findView(tx, id);
    if (!view) {
      throw notFound();
    }
    return view;
  });
}

export async function updateView(ctx: Ctx, id: number, patch: ViewPatch): Promise<ViewRecord> {
  const before = await getVisibleView(ctx, id);
  await assertMayWrite(ctx, before.restriction);
  if (patch.restriction !== undefined) {
    await assertMayWrite(ctx, patch.restriction);
  }
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('views')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        ...(patch.restriction !== undefined ? { restriction: patch.restriction === null ? null : JSON.stringify(patch.restriction) } : {}),
        ...(patch.conditions !== undefined ? { conditions: JSON.stringify(patch.conditions) } : {}),
        ...(patch.execution !== undefined ? { execution: JSON.stringify(patch.execution) } : {}),
        updated_at: tx.clock.now(),
      })
      .where('account_id', '=', tx.account.id)
      .where('id', '=', id)
      .execute();
    const after = await findView(tx, id);
    if (!after) {
      throw notFound();
    }
    const changes = diffFields(before, after, ['title', 'description', 'active', 'position', 'restriction', 'conditions', 'execution']);
    await recordAudit(tx, { action: 'update', sourceType: 'view', sourceId: id, sourceLabel: after.title, changes });
    return after;
  });
}

export async function deleteView(ctx: Ctx, id: number): Promise<void> {
  const view = await getVisibleView(ctx, id);
  await assertMayWrite(ctx, view.restriction);
  await inTransaction(ctx, async (tx) => {
    await tx.db.deleteFrom('views').where('account_id', '=', tx.account.id).where('id', '=', id).execute();
    await recordAudit(tx, { action: 'destroy', sourceType: 'view', sourceId: id, sourceLabel: view.title });
  });
}

/** The tickets of a view the agent may see; the deleted-tickets view reads the deleted ones. */
export async function viewTickets(ctx: Ctx, view: Pick<ViewRecord, 'conditions' | 'defaultKey'>) {
  if (view.defaultKey === 'deleted') {
    const deleted = queryVisibleTickets(ctx, { deleted: true });
    return ctx.permissions.canDeleteTickets ? deleted : deleted.where(sql<boolean>`1 = 0`);
  }
  const scope = { myGroupIds: [...(await myGroupIds(ctx))] };
  return queryVisibleTickets(ctx).where(compileConditions(ctx, view.conditions, scope));
}

export type ViewCount = { value: number; capped: boolean };

/** Counts at most COUNT_CAP + 1 index entries, however large the queue. */
export async function countView(ctx: Ctx, view: Pick<ViewRecord, 'conditions' | 'defaultKey'>): Promise<ViewCount> {
  const capped = (await viewTickets(ctx, view)).clearSelect().select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1);
  const row = await ctx.db.selectFrom(capped.as('q')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > COUNT_CAP ? { value: COUNT_CAP, capped: true } : { value: n, capped: false };
}

export const prettyCount = (c: ViewCount): string => (c.capped ? `${Math.floor(COUNT_CAP / 1000)}k+` : String(c.value));

const sortColumn = { updated_at: 'tickets.updated_at', created_at: 'tickets.created_at', id: 'tickets.id' } as const;

type Cursor = { v: number; id: number };
const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.v === 'number' && typeof c.id === 'number') {
      return { v: c.v, id: c.id };
    }
  } catch {
    // fall through
  }
  throw invalidField('page[after]', msg('common.cursor'), 'InvalidCursor');
}

/**
 * A page of a view's tickets in the view's order, by keyset on (sort column, id): each
 * page costs the same however deep it is, and tickets changing meanwhile are neither
 * skipped nor repeated by position shifts.
 */
export async function pageViewTickets(ctx: Ctx, view: Pick<ViewRecord, 'conditions' | 'defaultKey'>, execution: Execution, page: { size: number; after?: string | undefined }) {
  const column = sortColumn[execution.sort_by];
  const desc = execution.sort_order === 'desc';
  let q = await viewTickets(ctx, view);
  if (page.after !== undefined) {
    const c = decode(page.after);
    const cmp = desc ? '<' : '>';
    q = q.where((eb) => eb.or([eb(column, cmp, c.v), eb.and([eb(column, '=', c.v), eb('tickets.id', cmp, c.id)])]));
  }
  // The page's ids first, then only their rows: the first query can be answered from an index
  // alone. Selecting whole rows made the database read every candidate's row before sorting
  // (recently solved at 1,000,000 tickets: 35,000 rows, 0.2–4 s; from the index: 7 ms).
  const ids = (
    await q
      .clearSelect()
      .select('tickets.id')
      .orderBy(column, desc ? 'desc' : 'asc')
      .orderBy('tickets.id', desc ? 'desc' : 'asc')
      .limit(page.size + 1)
      .execute()
  ).map((r) => r.id);
  const found = ids.length === 0 ? [] : await q.where('tickets.id', 'in', ids.slice(0, page.size)).execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  const hasMore = ids.length > page.size;
  // A ticket changed between the two reads simply drops out of this page.
  const shown = ids.slice(0, page.size).flatMap((id) => byId.get(id) ?? []);
  const last = shown.at(-1);
  const key = execution.sort_by === 'id' ? 'id' : execution.sort_by;
  return { rows: shown, hasMore, after: hasMore && last ? encode({ v: last[key], id: last.id }) : null };
}
