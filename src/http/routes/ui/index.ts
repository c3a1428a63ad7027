import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { contentSecurityPolicy, frameAncestors } from './content-security-policy.js';

/** `vite build` writes the React app here (`npm run build:web`, run before `npm start` and `npm test`). */
const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const EMBED_PAGES = ['/embed', '/embed/documents', '/embed/extractions', '/embed/settings'];

function readIndex(): string | null {
  try {
    return fs.readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');
  } catch {
    return null;
  }
}

function sendIndex(reply: FastifyReply, ancestors: string) {
  const html = readIndex();
  reply
    .header('content-security-policy', contentSecurityPolicy(ancestors))
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
  if (html === null) {
    return reply.code(503).type('text/plain; charset=utf-8').send('The web UI is not built: run `npm run build:web`.');
  }
  return reply.type('text/html; charset=utf-8').send(html);
}

/**
 * Serves the built React app: the dashboard at `/` and the embeddable pages. An embed page may only
 * be framed by its API key's allowed domains (CSP `frame-ancestors`); the dashboard by nobody.
 */
export function registerUiRoutes(app: App, core: Core): void {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply, "'none'"));

  for (const page of EMBED_PAGES) {
    app.get(page, { schema: { hide: true } }, async (request: FastifyRequest, reply) => {
      const apiKey = (request.query as Record<string, unknown>).apiKey;
      let domains: readonly string[] | null = null;
      if (typeof apiKey === 'string' && apiKey) {
        // An invalid key still gets the page (which shows the error), but framable by docsift only.
        domains = await core.accounts.authenticate({ apiKey, ip: request.ip }).then((auth) => auth.allowedDomains, () => null);
      }
      return sendIndex(reply, frameAncestors(domains));
    });
  }

  app.get('/embed/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const rel = (request.params as { '*': string })['*'];
    const file = path.resolve(DIST_DIR, 'assets', rel);
    // Never serve anything outside the build's assets folder.
    if (!file.startsWith(path.join(DIST_DIR, 'assets') + path.sep)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
    }
    return reply
      .type(CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });
}
