import { type Ctx, inTransaction } from '../../context.js';
import type { FieldErrors } from '../../platform/errors.js';
import { organizationInput, type OrganizationInput } from '../organizations/schema.js';
import { createOrganization } from '../organizations/service.js';
import { addRowError, addZodErrors, cellOrUndefined, parseBooleanCell, parseCsv, splitList } from './csv.js';
import { chunks, reportOf } from './users-import.js';
import { msg } from '../../platform/messages.js';

const columns = {
  name: ['名称', '组织', '组织名称', '公司'],
  domain_names: ['domains', 'domain', '域名', '邮箱域名'],
  details: ['详情'],
  notes: ['备注'],
  external_id: ['外部id', '外部编号'],
  shared_tickets: ['共享工单'],
  shared_comments: ['共享评论'],
  tags: ['标签'],
} as const;

export type OrganizationsImportResult = { created: { line: number; id: number; name: string }[] };

/** Imports organizations from CSV, all or nothing, like the users import. */
export async function importOrganizations(ctx: Ctx, body: Buffer): Promise<OrganizationsImportResult> {
  const rows = parseCsv(body, columns);
  const details: FieldErrors = {};
  const planned: { line: number; input: OrganizationInput }[] = [];
  const seenNames = new Map<string, number>();
  const seenDomains = new Map<string, number>();

  for (const { line, values } of rows) {
    const sharedTickets = parseBooleanCell(values['shared_tickets']);
    const sharedComments = parseBooleanCell(values['shared_comments']);
    if (sharedTickets === 'invalid') {
      addRowError(details, line, 'shared_tickets', msg('common.true_or_false'));
    }
    if (sharedComments === 'invalid') {
      addRowError(details, line, 'shared_comments', msg('common.true_or_false'));
    }
    const parsed = organizationInput.safeParse({
      name: values['name'] ?? '',
      domain_names: values['domain_names'] ? splitList(values['domain_names']) : undefined,
      details: cellOrUndefined(values['details']),
      notes: cellOrUndefined(values['notes']),
      external_id: cellOrUndefined(values['external_id']),
      shared_tickets: sharedTickets === 'invalid' ? undefined : sharedTickets,
      shared_comments: sharedComments === 'invalid' ? undefined : sharedComments,
      tags: values['tags'] ? splitList(values['tags']) : undefined,
    });
    if (!parsed.success) {
      addZodErrors(details, line, parsed.error);
      continue;
    }
    const key = parsed.data.name.toLowerCase();
    const earlier = seenNames.get(key);
    if (earlier !== undefined) {
      addRowError(details, line, 'name', msg('import.repeated_name', { value: parsed.data.name, line: earlier }), 'DuplicateValue');
    }
    seenNames.set(key, line);
    for (const domain of parsed.data.domain_names ?? []) {
      const before = seenDomains.get(domain);
      if (before !== undefined) {
        addRowError(details, line, 'domain_names', msg('import.repeated', { value: domain, line: before }), 'DuplicateValue');
      }
      seenDomains.set(domain, line);
    }
    planned.push({ line, input: parsed.data });
  }

  for (const chunk of chunks([...seenNames.keys()], 500)) {
    const taken = await ctx.db.selectFrom('organizations').select('name_key').where('account_id', '=', ctx.account.id).where('name_key', 'in', chunk).execute();
    for (const { name_key } of taken) {
      addRowError(details, seenNames.get(name_key) ?? 0, 'name', msg('import.organization_exists'), 'DuplicateValue');
    }
  }
  for (const chunk of chunks([...seenDomains.keys()], 500)) {
    const taken = await ctx.db.selectFrom('organization_domains').select('domain').where('account_id', '=', ctx.account.id).where('domain', 'in', chunk).execute();
    for (const { domain } of taken) {
      addRowError(details, seenDomains.get(domain) ?? 0, 'domain_names', msg('import.domain_taken', { domain }), 'DuplicateValue');
    }
  }
  if (Object.keys(details).length > 0) {
    throw reportOf(details, rows.length);
  }

  return inTransaction(ctx, async (tx) => {
    const created: OrganizationsImportResult['created'] = [];
    for (const { line, input } of planned) {
      const org = await createOrganization(tx, input).catch((error: unknown) => {
        throw prefixed(error, line);
      });
      created.push({ line, id: org.id, name: org.name });
    }
    return { created };
  });
}

/** createOrganization names fields `organization.x`; the report names them by row. */
function prefixed(error: unknown, line: number): unknown {
  if (error instanceof Error && 'details' in error && error.details && typeof error.details === 'object') {
    const details: FieldErrors = {};
    for (const [field, list] of Object.entries(error.details as FieldErrors)) {
      details[field.replace(/^organization\./, `rows.${line}.`)] = list;
    }
    return reportOf(details, 1);
  }
  return error;
}
