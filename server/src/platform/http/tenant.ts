import type { Account } from '../../context.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { findAccountBySubdomain, findDefaultAccount } from '../../modules/accounts/repo.js';
import { KefuError } from '../errors.js';

/**
 * The account a request is for: `<subdomain>.<KEFU_BASE_DOMAIN>` names it; any other
 * host gets the default (first) account, so a single-helpdesk install works on any name.
 */
export async function resolveAccount(db: Db, config: Config, hostHeader: string | undefined): Promise<Account> {
  const host = (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '');
  const base = config.baseDomain;
  if (base && host.endsWith(`.${base}`)) {
    const subdomain = host.slice(0, -(base.length + 1));
    const account = subdomain.includes('.') ? null : await findAccountBySubdomain(db, subdomain);
    if (!account) {
      throw new KefuError('RecordNotFound', { description: `There is no helpdesk at ${host}` });
    }
    return account;
  }
  const account = await findDefaultAccount(db);
  if (!account) {
    throw new KefuError('ServiceUnavailable', { description: 'Kefu is not set up yet: open /setup to create the first helpdesk' });
  }
  return account;
}
