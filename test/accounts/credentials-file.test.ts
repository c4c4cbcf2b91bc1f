// The credentials file: mode 0600, replaced atomically (no temp left, the old file intact when a
// write fails), encrypted with PROMO_CREDENTIALS_KEY (no token text in the file; a wrong key or
// a missing one gives a clear error), read in clear when written before a key was set.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialsFile, type AccountEntry } from '../../src/accounts/credentials-file.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

const entry = (accessToken: string, refreshToken: string): AccountEntry => ({
  kind: 'youtube', scopes: ['https://www.googleapis.com/auth/youtube.upload'],
  tokens: { accessToken, refreshToken, expiresAt: '2026-12-01T10:00:00.000Z' },
});

describe('CredentialsFile', () => {
  it('lives beside the state database and is written with mode 0600, leaving no temp behind', async () => {
    const dir = makeTempDir();
    const file = CredentialsFile.forState(join(dir, 'state', 'promo.db'), {});
    expect(file.path).toBe(join(dir, 'state', 'credentials.json'));
    await file.update((accounts) => { accounts.shorts = entry('ya29.access-1', '1//refresh-1'); });
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'state')).sort()).toEqual(['credentials.json']);
    expect(await file.get('shorts')).toEqual(entry('ya29.access-1', '1//refresh-1'));
    // Still 0600 after a rewrite, even if someone loosened it meanwhile (the new file replaces it).
    chmodSync(file.path, 0o644);
    await file.update((accounts) => { accounts.tt = entry('act.2', 'rft.2'); });
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('does not rewrite the file when nothing changed', async () => {
    const file = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    await file.update(() => undefined);
    expect(() => statSync(file.path)).toThrow(/ENOENT/);
  });

  it('with PROMO_CREDENTIALS_KEY the file holds no token text, and reads back with the same key', async () => {
    const dir = makeTempDir();
    const env = { PROMO_CREDENTIALS_KEY: 'correct horse battery staple' };
    const file = CredentialsFile.forState(join(dir, 'promo.db'), env);
    expect(file.encrypted).toBe(true);
    await file.update((accounts) => { accounts.shorts = entry('ya29.secret-access', '1//secret-refresh'); });
    const text = readFileSync(file.path, 'utf8');
    for (const leak of ['ya29', 'secret-access', 'secret-refresh', 'shorts', 'youtube.upload']) expect(text).not.toContain(leak);
    expect(JSON.parse(text)).toMatchObject({ format: 'promo-credentials', cipher: 'aes-256-gcm', kdf: 'scrypt' });
    expect(await CredentialsFile.forState(join(dir, 'promo.db'), env).get('shorts')).toEqual(entry('ya29.secret-access', '1//secret-refresh'));
  });

  it('a wrong key, or no key, for an encrypted file is a clear error that names the variable', async () => {
    const dir = makeTempDir();
    await CredentialsFile.forState(join(dir, 'promo.db'), { PROMO_CREDENTIALS_KEY: 'right' }).update((a) => { a.shorts = entry('t', 'r'); });
    await expect(CredentialsFile.forState(join(dir, 'promo.db'), { PROMO_CREDENTIALS_KEY: 'wrong' }).read())
      .rejects.toThrow(/cannot decrypt the credentials file .*credentials\.json: PROMO_CREDENTIALS_KEY is not the key it was written with/);
    await expect(CredentialsFile.forState(join(dir, 'promo.db'), {}).read())
      .rejects.toThrow(/is encrypted and PROMO_CREDENTIALS_KEY is not set/);
  });

  it('a file written in clear is read once a key is set, and encrypted at its next write', async () => {
    const dir = makeTempDir();
    await CredentialsFile.forState(join(dir, 'promo.db'), {}).update((a) => { a.shorts = entry('plain-access', 'plain-refresh'); });
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).toContain('plain-refresh');
    const keyed = CredentialsFile.forState(join(dir, 'promo.db'), { PROMO_CREDENTIALS_KEY: 'k' });
    expect((await keyed.get('shorts'))?.tokens.refreshToken).toBe('plain-refresh');
    await keyed.update((a) => { a.shorts!.lastUse = { at: '2026-12-01T09:00:00.000Z', ok: true }; });
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).not.toContain('plain-refresh');
  });

  it('a damaged file is an error that says what to do, and is never overwritten', async () => {
    const file = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    writeFileSync(file.path, '{"format": "promo-cred');
    const error = await file.update((a) => { a.x = entry('a', 'b'); }).catch((e: PromoError) => e);
    expect((error as PromoError).describe()).toMatch(/credentials\.json cannot be read: it is not JSON; restore it from a backup, or remove it and `promo accounts connect`/);
    expect(readFileSync(file.path, 'utf8')).toBe('{"format": "promo-cred');
  });
});
