// The connected accounts of the video-platform channels: one JSON file beside the state database
// (`<state dir>/credentials.json`), never in it, so the database can be shared, copied or
// attached to a bug report without tokens. Mode 0600, replaced atomically under a lock file, and
// AES-256-GCM encrypted (key derived with scrypt from PROMO_CREDENTIALS_KEY) when that is set.
// It also keeps the secret part of posts' upload progress (upload session URLs, upload tokens),
// keyed by post, while a post is in flight.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TokenSet } from '../channels/oauth-profile.ts';
import { PromoError } from '../util/promo-error.ts';
import { withFileLock } from '../util/with-file-lock.ts';
import { writeAtomic } from '../util/write-atomic.ts';

/** One channel's connected account. */
export interface AccountEntry {
  /** The channel's type when it was connected (a renamed type is a different account). */
  kind: string;
  accountId?: string;
  accountName?: string;
  scopes: string[];
  tokens: TokenSet;
  /** ISO 8601, when the account was connected. */
  connectedAt?: string;
  /** The last refresh or send with this account, and what went wrong if it did. */
  lastUse?: { at: string; ok: boolean; error?: string };
  /** What the service said when connecting that limits what viewers see (profile.describeAccount). */
  warnings?: string[];
  /** Why the account must be connected again (a refresh the service refused); absent when fine. */
  needsReconnect?: string;
  /** Why the service refused to renew the refresh token (Douyin: renewed 5 times already): it works until it ends, then a reconnect is needed. */
  renewRefused?: string;
  /** The service refused the app's own client id (config.yaml, not the account) at the last renewal: see ClientRefused. */
  clientRefused?: ClientRefused;
}

/**
 * The service refused the app's request itself (Douyin's 10003/10005/10013/10014: a wrong or
 * missing client key), so the account's token was left as it was: fixed in config.yaml, not by a
 * reconnect. Kept only as a fact to report (renewals are still tried); the next success clears it.
 */
export interface ClientRefused {
  /** ISO 8601, when it was refused. */
  at: string;
  /** What the service said (tokens and the client secret redacted). */
  error: string;
  /** The channel setting it refused (the profile's clientIdField: `clientKey`). */
  field: string;
  /**
   * The client secret's setting (`clientSecret`), when the refused request carried it too: an
   * access-token refresh at a post's send, so either setting may be the wrong one and posts fail
   * until it is fixed (a renewal carries no secret).
   */
  secretField?: string;
  /**
   * The request refused: an access-token refresh at a post's send (posts fail until it is fixed) or
   * a refresh-token renewal. Absent in facts kept before it was recorded: a secretField then meant a refresh.
   */
  request?: 'refresh' | 'renewal';
  /** clientIdMark of the value refused: a config changed since no longer shows it. */
  mark: string;
}

export type Accounts = Record<string, AccountEntry>;

/** The secret fields of in-flight posts' progress, by post (see publishDue's `uploadSecrets`). */
export type UploadSecrets = Record<string, Record<string, unknown>>;

const FORMAT = 'promo-credentials';
const KEY_VARIABLE = 'PROMO_CREDENTIALS_KEY';

interface Sealed { salt: string; iv: string; tag: string; data: string }
interface Contents { accounts: Accounts; uploads: UploadSecrets }
interface PlainFile { format: typeof FORMAT; version: 1; accounts: Accounts; uploads?: UploadSecrets }
// `uploads` is sealed apart from the accounts, so files written before it existed read as they were.
interface SealedFile extends Sealed { format: typeof FORMAT; version: 1; cipher: 'aes-256-gcm'; kdf: 'scrypt'; uploads?: Sealed }

export class CredentialsFile {
  private readonly keys = new Map<string, Buffer>();

  /** `key`: the PROMO_CREDENTIALS_KEY passphrase, or undefined to write the file in clear (still mode 0600). */
  constructor(readonly path: string, private readonly key?: string) {}

  /** The credentials file beside the state database `stateFile`, keyed from `env`. */
  static forState(stateFile: string, env: NodeJS.ProcessEnv = process.env): CredentialsFile {
    const key = env[KEY_VARIABLE];
    return new CredentialsFile(join(dirname(stateFile), 'credentials.json'), key === undefined || key === '' ? undefined : key);
  }

  /** Whether writes are encrypted. */
  get encrypted(): boolean {
    return this.key !== undefined;
  }

  /** Every account (an absent file: none). */
  async read(): Promise<Accounts> {
    return (await this.readAll()).accounts;
  }

  /** The saved secret progress of every in-flight post. */
  async readUploads(): Promise<UploadSecrets> {
    return (await this.readAll()).uploads;
  }

  private async readAll(): Promise<Contents> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { accounts: {}, uploads: {} };
      throw new PromoError('CONFIG_INVALID', `cannot read the credentials file ${this.path}: ${(error as Error).message}`);
    }
    return this.decode(text);
  }

  /** The account of `channel`, if connected. */
  async get(channel: string): Promise<AccountEntry | undefined> {
    return (await this.read())[channel];
  }

  /**
   * Reads the accounts under the file's lock, lets `change` edit them in place, and writes them
   * back (atomically, before returning) when `change` did not return `{ write: false }`.
   * Everything that writes goes through here, so two processes never lose each other's tokens.
   */
  async update<T>(change: (accounts: Accounts) => Promise<T> | T): Promise<T> {
    return this.modify((contents) => change(contents.accounts));
  }

  /** Like `update`, for the in-flight posts' secret progress. */
  async updateUploads<T>(change: (uploads: UploadSecrets) => Promise<T> | T): Promise<T> {
    return this.modify((contents) => change(contents.uploads));
  }

  private async modify<T>(change: (contents: Contents) => Promise<T> | T): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true });
    return withFileLock(`${this.path}.lock`, async () => {
      const contents = await this.readAll();
      const before = JSON.stringify(contents);
      const result = await change(contents);
      if (JSON.stringify(contents) !== before) await this.write(contents);
      return result;
    }, { timeoutMs: 120_000 });
  }

  private async write({ accounts, uploads }: Contents): Promise<void> {
    const some = Object.keys(uploads).length > 0;
    const body: PlainFile | SealedFile = this.key === undefined
      ? { format: FORMAT, version: 1, accounts, ...(some ? { uploads } : {}) }
      : { format: FORMAT, version: 1, cipher: 'aes-256-gcm', kdf: 'scrypt', ...this.seal(JSON.stringify(accounts)), ...(some ? { uploads: this.seal(JSON.stringify(uploads)) } : {}) };
    await writeAtomic(this.path, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  }

  private seal(plain: string): Sealed {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.derive(salt), iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  private decode(text: string): Contents {
    let body: Partial<PlainFile & SealedFile>;
    try {
      body = JSON.parse(text) as Partial<PlainFile & SealedFile>;
    } catch {
      throw this.broken('it is not JSON');
    }
    if (body?.format !== FORMAT || body.version !== 1) throw this.broken(`it is not a version 1 ${FORMAT} file`);
    if (body.accounts !== undefined && body.data === undefined) {
      // A file written in clear is still read when a key is set; the next write encrypts it.
      return { accounts: body.accounts, uploads: (body.uploads ?? {}) as UploadSecrets };
    }
    const uploads = body.uploads as Sealed | undefined;
    return { accounts: this.open(body) as Accounts, uploads: uploads === undefined ? {} : this.open(uploads) as UploadSecrets };
  }

  private open(body: Partial<Sealed>): unknown {
    if (typeof body.data !== 'string' || typeof body.salt !== 'string' || typeof body.iv !== 'string' || typeof body.tag !== 'string') {
      throw this.broken('its encrypted fields are missing');
    }
    if (this.key === undefined) {
      throw new PromoError('CONFIG_INVALID', `the credentials file ${this.path} is encrypted and ${KEY_VARIABLE} is not set`, {
        hint: `set ${KEY_VARIABLE} to the key it was written with`,
      });
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.derive(Buffer.from(body.salt, 'base64')), Buffer.from(body.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(body.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as unknown;
    } catch {
      // GCM's tag check fails for a wrong key and for a damaged file alike.
      throw new PromoError('CONFIG_INVALID', `cannot decrypt the credentials file ${this.path}: ${KEY_VARIABLE} is not the key it was written with (or the file is damaged)`, {
        hint: `set ${KEY_VARIABLE} to the key it was written with, or remove the file and \`promo accounts connect\` each channel again`,
      });
    }
  }

  private derive(salt: Buffer): Buffer {
    const id = salt.toString('base64');
    let key = this.keys.get(id);
    if (!key) {
      key = scryptSync(this.key!, salt, 32);
      this.keys.set(id, key);
    }
    return key;
  }

  private broken(why: string): PromoError {
    return new PromoError('CONFIG_INVALID', `the credentials file ${this.path} cannot be read: ${why}`, {
      hint: 'restore it from a backup, or remove it and `promo accounts connect` each channel again',
    });
  }
}
