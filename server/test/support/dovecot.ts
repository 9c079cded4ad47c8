import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BINARY = '/usr/sbin/dovecot';

/** Why a real Dovecot cannot run here, or null when it can (Debian's dovecot-imapd, as root). */
export function dovecotMissing(): string | null {
  if (!existsSync(BINARY)) {
    return 'Dovecot is not installed (apt-get install -y dovecot-imapd); .ci/run installs it';
  }
  if (process.getuid?.() !== 0) {
    return 'Dovecot needs root to start its login processes';
  }
  return null;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function waitForPort(port: number, open: boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (up === open) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Dovecot port ${port} did not ${open ? 'open' : 'close'}`);
}

/**
 * A private Dovecot IMAP server for one test file: its own config, port, users and maildirs
 * under a temporary folder, a Sent folder marked \Sent, stopped and removed at the end.
 */
export class Dovecot {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(users: Record<string, string>): Promise<Dovecot> {
    const dir = mkdtempSync(path.join(tmpdir(), 'kefu-dovecot-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const mail = path.join(dir, 'mail');
    mkdirSync(mail);
    const dovenull = execFileSync('id', ['-u', 'dovenull']).toString().trim();
    const dovenullGroup = execFileSync('id', ['-g', 'dovenull']).toString().trim();
    chownSync(mail, Number(dovenull), Number(dovenullGroup));
    writeFileSync(path.join(dir, 'users'), Object.entries(users).map(([user, pass]) => `${user}:{PLAIN}${pass}\n`).join(''));
    writeFileSync(
      path.join(dir, 'dovecot.conf'),
      `first_valid_uid = 1
first_valid_gid = 1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=dovenull gid=dovenull home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
`,
    );
    mkdirSync(path.join(dir, 'state'));
    const dovecot = new Dovecot(dir, port);
    await dovecot.up();
    return dovecot;
  }

  private get conf(): string {
    return path.join(this.dir, 'dovecot.conf');
  }

  async up(): Promise<void> {
    execFileSync(BINARY, ['-c', this.conf], { stdio: 'ignore' });
    await waitForPort(this.port, true);
  }

  /** Stops the server as a restart does: the listener closes and every open session is dropped. */
  async down(): Promise<void> {
    const sessions = this.sessionPids();
    spawnSync(BINARY, ['-c', this.conf, 'stop'], { stdio: 'ignore' });
    await waitForPort(this.port, false);
    // The master normally ends its sessions; under load one was seen to outlive it and keep
    // answering, which no real restart does.
    for (const pid of sessions) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** The IMAP session processes of this server: one per signed-in connection, children of its master. */
  sessionPids(): number[] {
    const master = path.join(this.dir, 'run', 'master.pid');
    if (!existsSync(master)) {
      return [];
    }
    const parent = readFileSync(master, 'utf8').trim();
    const found = spawnSync('pgrep', ['-P', parent, '-x', 'imap']).stdout?.toString() ?? '';
    return found.split('\n').filter(Boolean).map(Number);
  }

  async stop(): Promise<void> {
    await this.down().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
