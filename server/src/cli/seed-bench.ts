import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { type Ctx, systemCtx } from '../context.js';
import { dialectOf } from '../db/helpers.js';
import type { TicketStatus } from '../db/schema.js';
import { findAccountBySubdomain } from '../modules/accounts/repo.js';
import { createHelpdesk } from '../modules/accounts/service.js';
import { createApiToken } from '../modules/api-tokens/service.js';
import { createGroup } from '../modules/groups/service.js';
import { loadAuthUser } from '../modules/sessions/repo.js';
import { createUser } from '../modules/users/operations/create-user.js';
import { createView } from '../modules/views/service.js';
import { DAY, HOUR, MINUTE } from '../platform/clock.js';
import { permissionsFor } from '../platform/permissions.js';
import { htmlFromPlain } from '../platform/rich-text.js';
import { scopeTokens } from '../platform/search/scope.js';
import { segmentDocument } from '../platform/search/segment.js';
import { openRuntime } from '../runtime.js';
import { withIndexesBuiltAfter } from './bulk-load.js';
import { between, companyName, fill, followUps, notes, personName, pick, prng, type Rand, topic } from './bench-text.js';
import { cliBaseCtx, CliError } from './support.js';

export type BenchManifest = {
  subdomain: string;
  tickets: number;
  seed: number;
  ownerEmail: string;
  token: string;
  agentEmails: string[];
  customerIds: [number, number];
  viewIds: number[];
  dialect: string;
};

const BATCH = 400;
// PostgreSQL plans a huge VALUES list slowly; a few hundred rows a statement is the sweet spot.
const STATEMENT_ROWS = 250;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) {
    out.push(list.slice(i, i + size));
  }
  return out;
}
const statuses: [TicketStatus, number][] = [['closed', 0.58], ['solved', 0.15], ['open', 0.1], ['pending', 0.07], ['hold', 0.03], ['new', 0.07]];

function status(r: Rand): TicketStatus {
  let x = r();
  for (const [s, p] of statuses) {
    if ((x -= p) < 0) {
      return s;
    }
  }
  return 'closed';
}

/**
 * `kefu seed --bench N`: a helpdesk the size of a real one, deterministic from --seed,
 * bulk-loaded in batched inserts (not through the API: a million tickets would take an
 * hour that way). Writes a manifest the benchmark reads (token, ids).
 */
export async function seedBench(config: Config, options: { tickets: number; seed: number; subdomain: string; manifest: string }): Promise<void> {
  const runtime = await openRuntime(config);
  const started = Date.now();
  try {
    if (await findAccountBySubdomain(runtime.database.db, options.subdomain)) {
      throw new CliError(`A helpdesk with subdomain "${options.subdomain}" already exists`);
    }
    const r = prng(options.seed);
    const base = cliBaseCtx(runtime);
    const made = await createHelpdesk(base, { account: { name: '基准测试客服中心', subdomain: options.subdomain }, owner: { name: '基准管理员', email: `owner@${options.subdomain}.bench.test`, password: 'bench-password-1' } }, { firstRun: false });
    const sys = systemCtx(base, made.account, 'Bench seed');
    const owner = await loadAuthUser(sys.db, made.account.id, made.owner.id);
    if (!owner) {
      throw new Error('owner vanished');
    }
    const ownerCtx: Ctx = { ...sys, actor: { kind: 'user', user: owner.user, via: 'api_token', sessionId: null }, permissions: permissionsFor(owner.user, owner.role) };

    // 8 groups, 50 agents.
    const groupNames = ['售前咨询', '售后支持', '技术支持', '财务', '物流', 'VIP 服务', '海外客户', '投诉处理'];
    const groups: number[] = [];
    for (const name of groupNames) {
      groups.push((await createGroup(sys, { name })).id);
    }
    const agents: number[] = [];
    const agentEmails: string[] = [];
    for (let i = 0; i < 50; i++) {
      const email = `agent${i}@${options.subdomain}.bench.test`;
      const g = [groups[i % 8] ?? 0, ...(i % 3 === 0 ? [groups[(i + 3) % 8] ?? 0] : [])];
      const u = await createUser(sys, { name: `${personName(r)}${i}`, email, role: 'agent', group_ids: g, send_invite: false, verified: true });
      agents.push(u.id);
      agentEmails.push(email);
    }
    const agentGroup = (a: number): number => groups[agents.indexOf(a) % 8] ?? 0;

    const db = sys.db;
    const account = made.account.id;
    const now = runtime.clock.now();

    // Organizations: one per 500 tickets.
    const orgCount = Math.max(4, Math.floor(options.tickets / 500));
    const orgs: { id: number; domain: string; name: string }[] = [];
    for (let i = 0; i < orgCount; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(orgCount, i + BATCH); j++) {
        const name = companyName(r, j);
        rows.push({ account_id: account, name, name_key: name.toLowerCase(), details: '', notes: '', external_id: null, shared_tickets: r() < 0.3 ? (1 as const) : (0 as const), shared_comments: 0 as const, group_id: null, tags: '[]', created_at: now, updated_at: now });
      }
      const ids = await db.insertInto('organizations').values(rows).returning(['id', 'name']).execute();
      orgs.push(...ids.map((o, k) => ({ id: o.id, name: o.name, domain: `org${i + k}.bench.test` })));
      await db.insertInto('organization_domains').values(orgs.slice(i).map((o) => ({ account_id: account, domain: o.domain, organization_id: o.id }))).execute();
    }

    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const log = (line: string) => void process.stdout.write(line);
    const bulkTables = ['users', 'user_identities', 'organization_memberships', 'tickets', 'ticket_audits', 'ticket_comments', 'ticket_tags'];
    const customers: { id: number; org: number | null; name: string; email: string }[] = [];
    await withIndexesBuiltAfter(db, bulkTables, async () => {
      // Customers: one per 5 tickets; most belong to an organization.
      const customerCount = Math.max(10, Math.floor(options.tickets / 5));
      for (let i = 0; i < customerCount; i += BATCH) {
        await db.transaction().execute(async (trx) => {
          const rows = [];
          const meta: { org: (typeof orgs)[number] | null; name: string; email: string }[] = [];
          for (let j = i; j < Math.min(customerCount, i + BATCH); j++) {
            const org = r() < 0.7 ? pick(r, orgs) : null;
            const email = org ? `c${j}@${org.domain}` : `c${j}@mail.bench.test`;
            const name = personName(r);
            meta.push({ org, name, email });
            rows.push({ account_id: account, name, email, phone: null, role: 'end-user' as const, is_owner: 0 as const, custom_role_id: null, default_group_id: null, external_id: null, locale: null, time_zone: null, tags: '[]', notes: '', details: '', signature: null, verified: 1 as const, suspended: 0 as const, active: 1 as const, password_hash: null, last_login_at: null, created_at: now, updated_at: now });
          }
          const ids = await trx.insertInto('users').values(rows).returning('id').execute();
          await trx.insertInto('user_identities').values(ids.map((u, k) => ({ account_id: account, user_id: u.id, type: 'email' as const, value: meta[k]?.email ?? '', is_primary: 1 as const, verified: 1 as const, created_at: now, updated_at: now }))).execute();
          const members = ids.flatMap((u, k) => (meta[k]?.org ? [{ account_id: account, user_id: u.id, organization_id: meta[k].org.id, created_at: now, updated_at: now }] : []));
          if (members.length > 0) {
            await trx.insertInto('organization_memberships').values(members).execute();
          }
          customers.push(...ids.map((u, k) => ({ id: u.id, org: meta[k]?.org?.id ?? null, name: meta[k]?.name ?? '', email: meta[k]?.email ?? '' })));
        });
      }

      // Tickets, 3–8 comments each, with their audits, tags and search documents.
      const sqlite = dialectOf(db) === 'sqlite';
      // PostgreSQL checks each foreign key with a per-row trigger, ten times the cost of the
      // insert itself; the generator's rows are consistent by construction, so a superuser
      // loads them with the checks off (as pg_restore does).
      const skipForeignKeyChecks =
        !sqlite && (await sql<{ rolsuper: boolean }>`select rolsuper from pg_roles where rolname = current_user`.execute(db)).rows[0]?.rolsuper === true;
      for (let i = 0; i < options.tickets; i += BATCH) {
        await db.transaction().execute(async (trx) => {
          if (skipForeignKeyChecks) {
            await sql`set local session_replication_role = replica`.execute(trx);
          }
          const plan = [];
          for (let n = i + 1; n <= Math.min(options.tickets, i + BATCH); n++) {
            const t = topic(r);
            const c = pick(r, customers);
            const company = (c.org === null ? undefined : orgName.get(c.org)) ?? '个人客户';
            const st = status(r);
            const assignee = st === 'new' || r() < 0.05 ? null : pick(r, agents);
            const created = now - Math.floor(r() * r() * 3 * 365 * DAY) - HOUR;
            const comments: { author: number; public: boolean; text: string; at: number }[] = [{ author: c.id, public: true, text: fill(r, pick(r, t.openings), { company }), at: created }];
            let at = created;
            for (let k = 1, total = between(r, 3, 8); k < total; k++) {
              at += between(r, 5, 60 * 24) * MINUTE;
              const kind = r();
              const agent = assignee ?? pick(r, agents);
              comments.push(
                kind < 0.15
                  ? { author: agent, public: false, text: pick(r, notes), at }
                  : k % 2 === 1
                    ? { author: agent, public: true, text: fill(r, pick(r, t.replies), { company }), at }
                    : { author: c.id, public: true, text: pick(r, followUps), at },
              );
            }
            const updated = Math.min(at, now - MINUTE);
            const tags = [t.tag, ...(r() < 0.1 ? ['vip'] : []), ...(r() < 0.05 ? ['加急'] : [])];
            // As the default automations would have left them: solved tickets close 96 hours after
            // their last update, and pending ones older than a day have had their reminder. Without
            // this the first hourly run after a seed re-worked ~70,000 tickets of a million.
            const settled = st === 'solved' && now - updated > 96 * HOUR ? 'closed' : st;
            if (st === 'pending' && now - updated > 24 * HOUR) {
              tags.push('pending_reminded');
            }
            plan.push({ n, t, c, st: settled, assignee, created, updated, comments, tags, subject: fill(r, pick(r, t.subjects), { company }) });
          }
          const rows = await trx
            .insertInto('tickets')
            .values(
              plan.map((p) => ({
                account_id: account,
                nice_id: p.n,
                subject: p.subject,
                description: p.comments[0]?.text ?? '',
                status: p.st,
                type: pick(r, ['question', 'incident', 'question', 'task', null] as const),
                priority: pick(r, ['low', 'normal', 'normal', 'high', 'urgent', null] as const),
                requester_id: p.c.id,
                submitter_id: p.c.id,
                assignee_id: p.assignee,
                group_id: p.assignee ? agentGroup(p.assignee) : (groups[p.t.group] ?? null),
                organization_id: p.c.org,
                problem_id: null,
                followup_source_id: null,
                due_at: null,
                external_id: null,
                via_channel: pick(r, ['web', 'email', 'email', 'api', 'chat']),
                via_source: '{}',
                tags: JSON.stringify(p.tags),
                custom_fields: JSON.stringify({ product: pick(r, ['企业版', '标准版', '专业版']), order_no: String(20_000_000 + p.n) }),
                is_public: 1 as const,
                created_at: p.created,
                updated_at: p.updated,
                assigned_at: p.assignee ? p.created + HOUR : null,
                initially_assigned_at: p.assignee ? p.created + HOUR : null,
                first_solved_at: p.st === 'solved' || p.st === 'closed' ? p.updated : null,
                solved_at: p.st === 'solved' || p.st === 'closed' ? p.updated : null,
                status_updated_at: p.updated,
                requester_updated_at: p.created,
                assignee_updated_at: p.assignee ? p.updated : null,
                deleted_at: null,
              })),
            )
            .returning(['id', 'nice_id'])
            .execute();
          const rowId = new Map(rows.map((x) => [x.nice_id, x.id]));
          const auditRows = plan.flatMap((p) =>
            p.comments.map((c, k) => ({
              account_id: account,
              ticket_id: rowId.get(p.n) ?? 0,
              author_id: c.author,
              via_channel: 'web',
              via_source: '{}',
              metadata: '{}',
              events: JSON.stringify(k === 0 ? [{ type: 'Create', field: 'status', value: 'new' }] : []),
              created_at: c.at,
            })),
          );
          const audits = [];
          for (const part of chunks(auditRows, STATEMENT_ROWS)) {
            audits.push(...(await trx.insertInto('ticket_audits').values(part).returning(['id', 'ticket_id', 'created_at']).execute()));
          }
          const auditOf = new Map(audits.map((a) => [`${a.ticket_id}:${a.created_at}`, a.id]));
          const commentRows = plan.flatMap((p) =>
            p.comments.map((c) => ({
              account_id: account,
              ticket_id: rowId.get(p.n) ?? 0,
              audit_id: auditOf.get(`${rowId.get(p.n)}:${c.at}`) ?? 0,
              author_id: c.author,
              is_public: c.public ? (1 as const) : (0 as const),
              html_body: htmlFromPlain(c.text),
              plain_body: c.text,
              via_channel: 'web',
              redacted_at: null,
              created_at: c.at,
            })),
          );
          for (const part of chunks(commentRows, STATEMENT_ROWS)) {
            await trx.insertInto('ticket_comments').values(part).execute();
          }
          await trx.insertInto('ticket_tags').values(plan.flatMap((p) => p.tags.map((tag) => ({ account_id: account, ticket_id: rowId.get(p.n) ?? 0, tag })))).execute();
          const docs = plan.map((p) => ({
            id: rowId.get(p.n) ?? 0,
            ...segmentDocument([p.subject, ...p.comments.map((c) => c.text), p.tags.join(' '), p.c.name, p.c.email].join('\n')),
            scope: scopeTokens({ accountId: account, deleted: false, groupId: p.assignee ? agentGroup(p.assignee) : (groups[p.t.group] ?? null), assigneeId: p.assignee, status: p.st, tags: p.tags }),
          }));
          if (sqlite) {
            await sql`insert into ticket_search (rowid, grams, words, scope) values ${sql.join(docs.map((d) => sql`(${d.id}, ${d.grams}, ${d.words}, ${d.scope})`))}`.execute(trx);
          } else {
            await sql`insert into ticket_search (account_id, ticket_id, document, scope) values ${sql.join(
              docs.map((d) => sql`(${account}, ${d.id}, setweight(to_tsvector('simple', ${d.grams}), 'A') || setweight(to_tsvector('simple', ${d.words}), 'B'), array_to_tsvector(string_to_array(${d.scope}, ' ')))`),
            )}`.execute(trx);
          }
        });
        if ((i / BATCH) % 250 === 0) {
          process.stdout.write(`  ${Math.min(options.tickets, i + BATCH)} / ${options.tickets} tickets (${Math.round((Date.now() - started) / 1000)} s)\n`);
        }
      }
    }, log);
    await db
      .insertInto('account_sequences')
      .values({ account_id: account, name: 'ticket', value: options.tickets })
      .onConflict((oc) => oc.columns(['account_id', 'name']).doUpdateSet({ value: options.tickets }))
      .execute();

    // Fresh planner statistics, as a long-running install has them.
    await sql`analyze`.execute(db);

    // Twenty views in all, for count_many.
    const extra = [
      { title: 'VIP 未解决', conditions: { all: [{ field: 'status' as const, operator: 'less_than' as const, value: 'solved' as const }, { field: 'current_tags' as const, operator: 'includes' as const, value: 'vip' }], any: [] } },
      { title: '加急工单', conditions: { all: [{ field: 'current_tags' as const, operator: 'includes' as const, value: '加急' }, { field: 'status' as const, operator: 'less_than' as const, value: 'solved' as const }], any: [] } },
      { title: '紧急优先级', conditions: { all: [{ field: 'priority' as const, operator: 'is' as const, value: 'urgent' as const }, { field: 'status' as const, operator: 'less_than' as const, value: 'solved' as const }], any: [] } },
      ...groups.map((g, k) => ({ title: `${groupNames[k] ?? g} 未解决`, conditions: { all: [{ field: 'group_id' as const, operator: 'is' as const, value: g }, { field: 'status' as const, operator: 'less_than' as const, value: 'solved' as const }], any: [] } })),
    ];
    for (const v of extra) {
      await createView(sys, { title: v.title, conditions: v.conditions });
    }
    const viewIds = (await db.selectFrom('views').select('id').where('account_id', '=', account).orderBy('position').execute()).map((v) => v.id);
    const token = await createApiToken(ownerCtx, 'benchmark');

    const manifest: BenchManifest = {
      subdomain: options.subdomain,
      tickets: options.tickets,
      seed: options.seed,
      ownerEmail: `owner@${options.subdomain}.bench.test`,
      token: token.token,
      agentEmails,
      customerIds: [customers[0]?.id ?? 0, customers.at(-1)?.id ?? 0],
      viewIds,
      dialect: runtime.database.dialect,
    };
    mkdirSync(path.dirname(options.manifest), { recursive: true });
    writeFileSync(options.manifest, JSON.stringify(manifest, null, 2));
    process.stdout.write(`Seeded ${options.tickets} tickets in ${Math.round((Date.now() - started) / 1000)} s; manifest in ${options.manifest}\n`);
  } finally {
    await runtime.close();
  }
}
