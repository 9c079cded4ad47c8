import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import type { BlobStorage } from '../../platform/storage/blob-storage.js';
import { findAddressByEmail } from './addresses.js';
import path from 'node:path';
import type { Config } from '../../config.js';
import { DiskBlobStorage } from '../../platform/storage/blob-storage.js';

/** Raw inbound messages, by content hash, beside the attachments. */
export function rawMailStorage(config: Config): BlobStorage {
  return new DiskBlobStorage(path.join(config.dataDir, 'inbound-mail'));
}

/** The Message-ID as the header gives it, else one derived from the bytes (as parseMail does). */
export function rawMessageId(raw: Buffer): string {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const header = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const found = /^message-id:\s*(<[^<>\s]+>)/im.exec(header)?.[1];
  return found ?? `<${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@synthesized.kefu>`;
}

/**
 * Keeps an inbound message durably before anyone is told it arrived: the raw bytes go to
 * blob storage (written and flushed), and one row per helpdesk it is addressed to, with
 * its processing queued on the outbox in the same transaction. A redelivery (same
 * Message-ID) and the same mail sent to two addresses of one helpdesk store one row.
 */
export async function receiveMail(deps: { db: Db; clock: Clock; blobs: BlobStorage }, input: { raw: Buffer; recipients: string[]; mailFrom: string | null }): Promise<number[]> {
  const byAccount = new Map<number, number>();
  for (const recipient of input.recipients) {
    const address = await findAddressByEmail(deps.db, recipient);
    if (address && !byAccount.has(address.accountId)) {
      byAccount.set(address.accountId, address.id);
    }
  }
  return storeInbound(deps, input.raw, byAccount, input.mailFrom);
}

/** The same for mail fetched from a mailbox connected to one known support address (IMAP). */
export async function receiveForAddress(deps: { db: Db; clock: Clock; blobs: BlobStorage }, input: { raw: Buffer; accountId: number; addressId: number; mailFrom: string | null }): Promise<number[]> {
  return storeInbound(deps, input.raw, new Map([[input.accountId, input.addressId]]), input.mailFrom);
}

async function storeInbound(deps: { db: Db; clock: Clock; blobs: BlobStorage }, raw: Buffer, byAccount: Map<number, number>, mailFrom: string | null): Promise<number[]> {
  const input = { raw, mailFrom };
  if (byAccount.size === 0) {
    return [];
  }
  const sha = await deps.blobs.put(input.raw);
  const messageId = rawMessageId(input.raw);
  const stored: number[] = [];
  for (const [accountId, addressId] of byAccount) {
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const row = await trx
        .insertInto('inbound_emails')
        .values({ account_id: accountId, recipient_address_id: addressId, message_id: messageId, raw_sha256: sha, size: input.raw.length, mail_from: input.mailFrom, status: 'received', reason: null, from_address: null, subject: null, thread_reason: null, ticket_id: null, created_at: now, processed_at: null })
        .onConflict((oc) => oc.columns(['account_id', 'message_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) {
        await enqueue(trx, accountId, now, { topic: 'email.process', payload: { inbound_id: row.id } });
        stored.push(row.id);
      }
    });
  }
  return stored;
}
