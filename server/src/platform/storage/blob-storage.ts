import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where file contents live, by content hash: the same file uploaded twice is stored
 * once. The local disk implements it now; an S3-compatible store can later, behind the
 * same three calls.
 */
export interface BlobStorage {
  /** Stores the bytes and returns their SHA-256, the key to read them by. */
  put(bytes: Buffer): Promise<string>;
  read(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
}

export class DiskBlobStorage implements BlobStorage {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      throw new Error('not a content hash');
    }
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(sha256);
    if (existsSync(file)) {
      return sha256;
    }
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a crash never leaves half a file under the real name.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes, { flush: true });
    await rename(temp, file);
    return sha256;
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return existsSync(this.pathOf(sha256));
  }
}
