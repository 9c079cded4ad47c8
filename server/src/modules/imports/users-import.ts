import { type Ctx, inTransaction } from '../../context.js';
import { type FieldErrors, invalidFields, KefuError } from '../../platform/errors.js';
import { findOrganizationIdByName } from '../organizations/repo.js';
import { createUser } from '../users/operations/create-user.js';
import { canCreateUserWithRole } from '../users/policy.js';
import { userCreateInput, type UserCreateInput } from '../users/schema.js';
import { addRowError, addZodErrors, cellOrUndefined, parseCsv, splitList } from './csv.js';
import { msg } from '../../platform/messages.js';

const columns = {
  name: ['姓名', '名称'],
  email: ['邮箱', '电子邮箱', 'e-mail'],
  role: ['角色'],
  phone: ['电话', '手机', '手机号'],
  organization: ['组织', '公司', '所属组织'],
  external_id: ['外部id', '外部编号'],
  tags: ['标签'],
  notes: ['备注'],
  details: ['详情', '详细信息'],
  locale: ['语言'],
  time_zone: ['时区'],
} as const;

const roleAliases: Record<string, string> = {
  客户: 'end-user',
  终端用户: 'end-user',
  'end user': 'end-user',
  enduser: 'end-user',
  客服: 'agent',
  管理员: 'admin',
};

export type UsersImportResult = { created: { line: number; id: number; name: string; email: string | null }[] };

type Planned = { line: number; input: UserCreateInput };

/**
 * Imports users from CSV, all or nothing: every row is checked first (fields, duplicates
 * within the file and against the helpdesk, organizations, the importer's right to create
 * each role); any bad row answers 422 with every problem by row and column, and nothing
 * is written. Then all rows are created in one transaction.
 */
export async function importUsers(ctx: Ctx, body: Buffer, options: { sendInvites: boolean }): Promise<UsersImportResult> {
  const rows = parseCsv(body, columns);
  const details: FieldErrors = {};
  const planned: Planned[] = [];
  const seenEmails = new Map<string, number>();
  const seenExternalIds = new Map<string, number>();
  const orgIds = new Map<string, number | null>();

  for (const { line, values } of rows) {
    const roleCell = cellOrUndefined(values['role'])?.toLowerCase();
    const candidate = {
      name: values['name'] ?? '',
      email: cellOrUndefined(values['email']),
      role: roleCell ? (roleAliases[roleCell] ?? roleCell) : undefined,
      phone: cellOrUndefined(values['phone']),
      external_id: cellOrUndefined(values['external_id']),
      tags: values['tags'] ? splitList(values['tags']) : undefined,
      notes: cellOrUndefined(values['notes']),
      details: cellOrUndefined(values['details']),
      locale: cellOrUndefined(values['locale']),
      time_zone: cellOrUndefined(values['time_zone']),
      send_invite: options.sendInvites,
    };
    const parsed = userCreateInput.safeParse(candidate);
    if (!parsed.success) {
      addZodErrors(details, line, parsed.error);
      continue;
    }
    const input: UserCreateInput = parsed.data;
    if (!canCreateUserWithRole(ctx, input.role)) {
      addRowError(details, line, 'role', msg('import.role_forbidden', { role: input.role }), 'Forbidden');
    }
    if (input.email) {
      const earlier = seenEmails.get(input.email);
      if (earlier !== undefined) {
        addRowError(details, line, 'email', msg('import.repeated', { value: input.email, line: earlier }), 'DuplicateValue');
      }
      seenEmails.set(input.email, line);
    }
    if (input.external_id) {
      const earlier = seenExternalIds.get(input.external_id);
      if (earlier !== undefined) {
        addRowError(details, line, 'external_id', msg('import.repeated', { value: input.external_id, line: earlier }), 'DuplicateValue');
      }
      seenExternalIds.set(input.external_id, line);
    }
    const orgName = cellOrUndefined(values['organization']);
    if (orgName !== undefined) {
      if (!orgIds.has(orgName)) {
        orgIds.set(orgName, await findOrganizationIdByName(ctx, orgName));
      }
      const orgId = orgIds.get(orgName) ?? null;
      if (orgId === null) {
        addRowError(details, line, 'organization', msg('import.no_organization', { name: orgName }), 'NotFound');
      } else {
        input.organization_id = orgId;
      }
    }
    planned.push({ line, input });
  }

  await addExistingConflicts(ctx, planned, details);
  if (Object.keys(details).length > 0) {
    throw reportOf(details, rows.length);
  }

  return inTransaction(ctx, async (tx) => {
    const created: UsersImportResult['created'] = [];
    for (const { line, input } of planned) {
      const user = await createUser(tx, input, { field: `rows.${line}` });
      created.push({ line, id: user.id, name: user.name, email: user.email });
    }
    return { created };
  });
}

/** Emails and external ids already used in the helpdesk, looked up in batches. */
async function addExistingConflicts(ctx: Ctx, planned: Planned[], details: FieldErrors): Promise<void> {
  const byEmail = new Map(planned.filter((p) => p.input.email).map((p) => [p.input.email as string, p.line]));
  for (const chunk of chunks([...byEmail.keys()], 500)) {
    const taken = await ctx.db
      .selectFrom('user_identities')
      .select('value')
      .where('account_id', '=', ctx.account.id)
      .where('type', '=', 'email')
      .where('value', 'in', chunk)
      .execute();
    for (const { value } of taken) {
      addRowError(details, byEmail.get(value) ?? 0, 'email', msg('common.email_taken', { email: value }), 'DuplicateValue');
    }
  }
  const byExternalId = new Map(planned.filter((p) => p.input.external_id).map((p) => [p.input.external_id as string, p.line]));
  for (const chunk of chunks([...byExternalId.keys()], 500)) {
    const taken = await ctx.db
      .selectFrom('users')
      .select('external_id')
      .where('account_id', '=', ctx.account.id)
      .where('external_id', 'in', chunk)
      .execute();
    for (const { external_id } of taken) {
      if (external_id !== null) {
        addRowError(details, byExternalId.get(external_id) ?? 0, 'external_id', msg('import.external_id_taken', { value: external_id }), 'DuplicateValue');
      }
    }
  }
}

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) {
    out.push(list.slice(i, i + size));
  }
  return out;
}

export function reportOf(details: FieldErrors, total: number): KefuError {
  const bad = new Set(Object.keys(details).map((k) => k.split('.')[1]));
  const error = invalidFields(details);
  return new KefuError('RecordInvalid', {
    description: `${bad.size} of ${total} rows have errors; nothing was imported`,
    details: error.details ?? {},
  });
}
