import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/internal/logging/logger.js';
import { createTestApp } from './helpers/test-core.js';
import { makePdf } from './helpers/make-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';

describe('logs', () => {
  it('carry request ids but never keys, tokens, setup keys or document contents, even at trace level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino(loggerOptions('trace'), sink);
    const t = await createTestApp({ logger });
    try {
      const marker = 'ZEBRA-CONFIDENTIAL-7731';
      const body = multipartBody([{ name: 'file', filename: 'secret.pdf', content: await makePdf([[`Account ${marker}`]]) }]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { authorization: `Bearer ${t.apiKey}`, ...body.headers } });
      expect(res.statusCode).toBe(202);
      await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
      const token = await t.app.inject({ method: 'POST', url: '/v1/auth/token', headers: { 'x-api-key': t.apiKey }, payload: { email: 'admin@localhost' } });
      const accessToken = token.json().data.access_token as string;
      await t.app.inject({ method: 'GET', url: `/v1/tenant?apiKey=${t.apiKey}`, headers: { authorization: `Bearer ${accessToken}` } });
      await t.app.inject({ method: 'POST', url: '/v1/onboard', headers: { 'x-setup-key': 'test-setup-key-0123456789' }, payload: {} });
      await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { text: `Note ${marker}` } });

      const log = lines.join('');
      expect(log).toContain('request completed');
      expect(log).toMatch(/"reqId":"[0-9a-f-]{36}"/);
      for (const secret of [t.apiKey, accessToken, "test-setup-key-0123456789", marker]) expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
