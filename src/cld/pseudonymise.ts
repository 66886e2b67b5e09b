import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Person identifiers are replaced on the way in by a keyed hash (HMAC-SHA-256). The key lives outside
 * the database (an environment variable or a file readable only by the service), so a copy of the
 * database alone cannot be matched back to NHS numbers. The same key gives the same pseudonym across
 * submissions, which is what lets a person's events join up.
 */
export interface Pseudonymiser {
  /** Pseudonym for an NHS number; digits only are used, so '943 476 5919' and '9434765919' agree. */
  nhsNumber(value: string): string;
  /** Pseudonym for a council's own person id, scoped to the council. */
  laPersonId(laCode: string, value: string): string;
  /** A short fingerprint of the key, safe to log, to tell which key produced stored pseudonyms. */
  keyFingerprint: string;
  /**
   * The key's HMAC inner and outer pads, hex, for the bulk importer, which computes the same pseudonyms
   * inside DuckDB (sha256 of the outer pad and the inner digest). In process memory only.
   */
  hmacPads(): { inner: string; outer: string };
}

const BLOCK = 64;

function pads(key: Buffer): { inner: string; outer: string } {
  const block = Buffer.alloc(BLOCK);
  // Keys longer than the block are hashed first, as HMAC specifies.
  (key.length > BLOCK ? createHash('sha256').update(key).digest() : key).copy(block);
  const xor = (byte: number) => Buffer.from(block.map((b) => b ^ byte)).toString('hex');
  return { inner: xor(0x36), outer: xor(0x5c) };
}

export function createPseudonymiser(key: Buffer): Pseudonymiser {
  if (key.length < 32) throw new Error('The pseudonymisation key must be at least 32 bytes.');
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);
  return {
    nhsNumber: (value) => `N${mac(`nhs:${value.replace(/\D/g, '')}`)}`,
    laPersonId: (laCode, value) => `L${mac(`la:${laCode.trim().toUpperCase()}:${value.trim()}`)}`,
    keyFingerprint: createHmac('sha256', key).update('fingerprint').digest('hex').slice(0, 12),
    hmacPads: () => pads(key),
  };
}

/**
 * The key from ASCENT_PSEUDONYM_KEY (hex or base64) or from a file (ASCENT_PSEUDONYM_KEY_FILE,
 * default ./secrets/pseudonym.key), created with owner-only permissions the first time.
 */
export function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const inline = env.ASCENT_PSEUDONYM_KEY?.trim();
  if (inline) return /^[0-9a-f]+$/i.test(inline) ? Buffer.from(inline, 'hex') : Buffer.from(inline, 'base64');
  const file = path.resolve(env.ASCENT_PSEUDONYM_KEY_FILE || './secrets/pseudonym.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}
