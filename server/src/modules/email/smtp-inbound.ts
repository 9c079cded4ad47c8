import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { BlobStorage } from '../../platform/storage/blob-storage.js';
import { findAddressByEmail } from './addresses.js';
import { receiveMail } from './receive.js';

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Kefu's own SMTP receiver: accepts mail only for the helpdesks' support addresses
 * (others are refused at RCPT), refuses messages over the size limit with 552 without
 * keeping any of it, and answers 250 only once the message is stored durably.
 */
export function createInboundSmtp(deps: { db: Db; clock: Clock; blobs: BlobStorage; log: Logger }, options: { maxBytes: number }): SMTPServer {
  return new SMTPServer({
    name: 'kefu',
    banner: 'Kefu helpdesk',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      findAddressByEmail(deps.db, address.address)
        .then((found) => callback(found ? undefined : smtpError(`No helpdesk mailbox ${address.address} here`, 550)))
        .catch((err: unknown) => {
          deps.log.error({ err }, 'smtp rcpt lookup failed');
          callback(smtpError('Temporary failure, try again later', 451));
        });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.sizeExceeded) {
          chunks.push(chunk);
        }
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(`Message exceeds the ${options.maxBytes} byte limit`, 552));
          return;
        }
        const mailFrom = session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address;
        receiveMail(deps, { raw: Buffer.concat(chunks), recipients: session.envelope.rcptTo.map((r) => r.address), mailFrom })
          .then(() => callback())
          .catch((err: unknown) => {
            deps.log.error({ err }, 'storing inbound mail failed');
            callback(smtpError('Temporary failure storing the message, try again later', 451));
          });
      });
    },
  });
}
