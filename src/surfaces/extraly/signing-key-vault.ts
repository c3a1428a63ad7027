import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Extraly signs webhooks with the API key that submitted the document (HMAC-SHA256 of the body keyed
 * by the key). docsift stores API keys only as SHA-256 digests, and the webhook goes out after the
 * request (maybe after a restart), so the key is sealed at submit time and stored with the extraction:
 * AES-256-GCM under an installation key kept in a file of its own in the data directory (created on
 * first use, mode 0600), never in the database. A database dump alone therefore reveals no API key.
 * The sealed value is bound (GCM additional data) to the id of the API key the extraction was created
 * with, so a sealed key copied into another key's extraction does not open.
 *
 * Format: `xs1.<iv>.<tag>.<ciphertext>` (base64url). Every process sharing the data directory (server
 * and workers) reads the same file; a deployment whose workers do not share it must copy the file.
 */
export class SigningKeyVault {
  private readonly file: string;
  private key: Buffer | null = null;

  constructor(options: { dataDir: string }) {
    this.file = path.join(options.dataDir, 'extraly-signing.key');
  }

  seal(apiKey: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.installationKey(), iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(apiKey, 'utf8'), cipher.final()]);
    return ['xs1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** The API key, or null when the value was not sealed by this installation for `boundTo`. */
  open(sealed: string, boundTo: string): string | null {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'xs1' || !iv || !tag || ciphertext === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.installationKey(), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  private installationKey(): Buffer {
    if (this.key) return this.key;
    if (!fs.existsSync(this.file)) {
      // Written whole to a temp file, then linked into place: link() fails if another process got
      // there first, and nobody ever reads a half-written key.
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      fs.writeFileSync(temp, randomBytes(32).toString('hex'), { mode: 0o600 });
      try {
        fs.linkSync(temp, this.file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        fs.rmSync(temp, { force: true });
      }
    }
    const hex = fs.readFileSync(this.file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${this.file} does not hold a 32-byte hex key`);
    this.key = Buffer.from(hex, 'hex');
    return this.key;
  }
}
