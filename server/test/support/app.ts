import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { OutgoingMail } from '../../src/platform/mail/transport.js';
import { outboxHandlers } from '../../src/outbox-handlers.js';
import { OutboxDispatcher } from '../../src/platform/outbox/dispatcher.js';
import { InProcessBus } from '../../src/platform/realtime/bus.js';
import { freshDatabase, type TestDatabase } from './database.js';

export const BASE_DOMAIN = 'kefu.test';

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  /** Mail the outbox delivered, in order. */
  sent: OutgoingMail[];
  /** Delivers what the outbox holds now, as the background dispatcher would. */
  deliverOutbox: () => Promise<number>;
  /** Delivers until nothing is due now (retries wait for the clock). */
  drainOutbox: () => Promise<number>;
  close: () => Promise<void>;
};

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    KEFU_BASE_DOMAIN: BASE_DOMAIN,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = new ManualClock();
  // KEFU_TEST_LOG=error shows what a 500 hid.
  const log = pino({ level: process.env.KEFU_TEST_LOG ?? 'silent' });
  const bus = new InProcessBus();
  const app = await buildApp({ config, database, clock, log, webDist: null, bus });
  await app.ready();
  const sent: OutgoingMail[] = [];
  const dispatcher = new OutboxDispatcher({
    db: database.db,
    clock,
    log,
    handlers: outboxHandlers({
      db: database.db,
      clock,
      log,
      config,
      mail: {
        send: async (mail) => {
          sent.push(mail);
        },
        close: () => undefined,
      },
      bus,
    }),
  });
  return {
    app,
    database,
    clock,
    config,
    sent,
    deliverOutbox: () => dispatcher.runOnce(),
    drainOutbox: async () => {
      let total = 0;
      for (let n = await dispatcher.runOnce(); n > 0; n = await dispatcher.runOnce()) {
        total += n;
      }
      return total;
    },
    close: async () => {
      await app.close();
      await database.cleanup();
    },
  };
}

export type Credentials =
  | { kind: 'basic'; email: string; password: string }
  | { kind: 'token'; email: string; token: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'session'; cookie: string; csrf: string }
  | { kind: 'none' };

export const basic = (email: string, password: string): Credentials => ({ kind: 'basic', email, password });

function authHeaders(c: Credentials): Record<string, string> {
  switch (c.kind) {
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${c.email}:${c.password}`).toString('base64')}` };
    case 'token':
      return { authorization: `Basic ${Buffer.from(`${c.email}/token:${c.token}`).toString('base64')}` };
    case 'bearer':
      return { authorization: `Bearer ${c.token}` };
    case 'session':
      return { cookie: `kefu_session=${c.cookie}`, 'x-csrf-token': c.csrf };
    case 'none':
      return {};
  }
}

/** An HTTP client for one helpdesk host and one identity. */
export class Client {
  constructor(
    private readonly app: FastifyInstance,
    readonly host: string,
    readonly credentials: Credentials = { kind: 'none' },
  ) {}

  as(credentials: Credentials): Client {
    return new Client(this.app, this.host, credentials);
  }

  request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { host: this.host, ...authHeaders(this.credentials), ...headers },
      ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
    });
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown): Promise<LightMyRequestResponse> {
    return this.request('POST', url, body ?? {});
  }
  put(url: string, body?: unknown): Promise<LightMyRequestResponse> {
    return this.request('PUT', url, body ?? {});
  }
  delete(url: string): Promise<LightMyRequestResponse> {
    return this.request('DELETE', url);
  }
}

export const OWNER_PASSWORD = 'owner-password-1';
export const AGENT_PASSWORD = 'agent-password-1';

export type Helpdesk = {
  host: string;
  accountId: number;
  ownerId: number;
  ownerEmail: string;
  owner: Client;
  anonymous: Client;
};

/** Makes a helpdesk: the first by setup, later ones by open sign-up (set KEFU_SIGNUP=open). */
export async function createHelpdesk(t: TestApp, subdomain: string, options: { firstRun?: boolean } = {}): Promise<Helpdesk> {
  const host = `${subdomain}.${BASE_DOMAIN}`;
  const anonymous = new Client(t.app, host);
  const ownerEmail = `owner@${subdomain}.example.com`;
  const body = {
    account: { name: `Helpdesk ${subdomain}`, subdomain },
    owner: { name: `Owner ${subdomain}`, email: ownerEmail, password: OWNER_PASSWORD },
  };
  const res = await anonymous.post(options.firstRun === false ? '/api/v2/accounts' : '/api/v2/setup', body);
  if (res.statusCode !== 201) {
    throw new Error(`helpdesk ${subdomain}: ${res.statusCode} ${res.body}`);
  }
  const json = res.json<{ account: { id: number }; user: { id: number } }>();
  return {
    host,
    accountId: json.account.id,
    ownerId: json.user.id,
    ownerEmail,
    owner: anonymous.as(basic(ownerEmail, OWNER_PASSWORD)),
    anonymous,
  };
}

/** Creates a user through the API as the owner, with a password so they can sign in. */
export async function createUser(
  desk: Helpdesk,
  user: { name: string; email: string; role: 'end-user' | 'agent' | 'admin'; [key: string]: unknown },
): Promise<{ id: number; client: Client }> {
  const res = await desk.owner.post('/api/v2/users', { user: { password: AGENT_PASSWORD, ...user } });
  if (res.statusCode !== 201) {
    throw new Error(`user ${user.email}: ${res.statusCode} ${res.body}`);
  }
  return { id: res.json<{ user: { id: number } }>().user.id, client: desk.owner.as(basic(user.email, AGENT_PASSWORD)) };
}
