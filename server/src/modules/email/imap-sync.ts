import type { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { DAY } from '../../platform/clock.js';
import type { BlobStorage } from '../../platform/storage/blob-storage.js';
import { receiveForAddress } from './receive.js';

export type SyncDeps = { db: Db; clock: Clock; blobs: BlobStorage; log: Logger; maxBytes: number };
export type SyncTarget = { accountId: number; mailboxId: number; addressId: number };

/** Which UIDs to import, given the checkpoint and the folder's UIDVALIDITY. */
async function pendingUids(client: ImapFlow, checkpoint: { uid_validity: string | null; last_uid: number | null; last_synced_at: number | null }, uidValidity: string): Promise<number[]> {
  if (checkpoint.uid_validity === uidValidity && checkpoint.last_uid !== null) {
    // UID n:* always answers with the newest message, even below n: filter.
    const last = checkpoint.last_uid;
    const found = await client.search({ uid: `${last + 1}:*` }, { uid: true });
    return (found || []).filter((uid) => uid > last);
  }
  if (checkpoint.uid_validity === null) {
    // First connection: the mail waiting unread is the support queue; read mail is history.
    return (await client.search({ seen: false }, { uid: true })) || [];
  }
  // The server renumbered the folder: look again at what arrived since shortly before the last
  // sync. Mail already taken is recognised by its Message-ID and stored once.
  const since = new Date((checkpoint.last_synced_at ?? 0) - DAY);
  return (await client.search({ since }, { uid: true })) || [];
}

/**
 * One pass over the open folder: every new message is stored durably (receiveMail) before
 * the checkpoint moves past it and before it is flagged \Seen, so a crash at any point
 * imports nothing twice and loses nothing. A message too big to take is quarantined
 * with its reason and the pass goes on.
 */
export async function syncFolder(client: ImapFlow, deps: SyncDeps, target: SyncTarget): Promise<{ imported: number; quarantined: number }> {
  const opened = client.mailbox;
  if (!opened) {
    throw new Error('no folder is open');
  }
  const uidValidity = String(opened.uidValidity);
  const uidNextAtStart = opened.uidNext;
  const checkpoint = await deps.db
    .selectFrom('mailboxes')
    .select(['uid_validity', 'last_uid', 'last_synced_at'])
    .where('account_id', '=', target.accountId)
    .where('id', '=', target.mailboxId)
    .executeTakeFirst();
  if (!checkpoint) {
    throw new Error('the mailbox was deleted');
  }
  const renumbered = checkpoint.uid_validity !== uidValidity;
  const uids = (await pendingUids(client, checkpoint, uidValidity)).sort((a, b) => a - b);
  let imported = 0;
  let quarantined = 0;
  for (const uid of uids) {
    const meta = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
    if (!meta) {
      continue; // expunged meanwhile
    }
    if ((meta.size ?? 0) > deps.maxBytes) {
      await quarantineOversize(deps, target, meta.envelope?.messageId ?? `<imap-${target.mailboxId}-${uidValidity}-${uid}@oversize.kefu>`, meta.envelope?.subject ?? null, meta.size ?? 0);
      quarantined++;
    } else {
      const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (message && message.source) {
        await receiveForAddress(deps, { raw: message.source, accountId: target.accountId, addressId: target.addressId, mailFrom: null });
        imported++;
      }
    }
    // Stored: \Seen is a courtesy for people reading the same mailbox, the checkpoint is the truth.
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }).catch(() => false);
    if (!renumbered) {
      await saveCheckpoint(deps, target, { uid_validity: uidValidity, last_uid: uid });
    }
  }
  const lastUid = renumbered ? Math.max(uidNextAtStart - 1, uids.at(-1) ?? 0) : (uids.at(-1) ?? checkpoint.last_uid ?? 0);
  await saveCheckpoint(deps, target, { uid_validity: uidValidity, last_uid: lastUid, last_synced_at: deps.clock.now() });
  return { imported, quarantined };
}

async function saveCheckpoint(deps: SyncDeps, target: SyncTarget, values: { uid_validity: string; last_uid: number; last_synced_at?: number }): Promise<void> {
  await deps.db.updateTable('mailboxes').set(values).where('account_id', '=', target.accountId).where('id', '=', target.mailboxId).execute();
}

/** Too big to take: kept as a quarantined row (without its bytes) for an agent to see, never half-stored. */
async function quarantineOversize(deps: SyncDeps, target: SyncTarget, messageId: string, subject: string | null, size: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db
    .insertInto('inbound_emails')
    .values({ account_id: target.accountId, recipient_address_id: target.addressId, message_id: messageId, raw_sha256: '', size, mail_from: null, status: 'quarantined', reason: `larger than the ${deps.maxBytes} byte limit (KEFU_SMTP_MAX_BYTES); not imported`, from_address: null, subject, thread_reason: null, ticket_id: null, created_at: now, processed_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'message_id']).doNothing())
    .execute();
}
