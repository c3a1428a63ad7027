import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

/** One recorded HTTP answer of a model server. */
export interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body (an object) or a raw text body. */
  body: unknown;
  /** Wait this long before answering (a slow or hung server). */
  delayMs?: number;
}

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface ReplayServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** Queues more recorded answers (answered in order, one per request). */
  enqueue(responses: RecordedResponse[]): void;
  /** Answers still queued. */
  pending(): number;
  close(): Promise<void>;
}

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'llm');

/** Reads `test/fixtures/llm/<name>.json`: `{ "responses": [...] }` as recorded from a model server. */
export function loadLlmFixture(name: string): RecordedResponse[] {
  return (JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as { responses: RecordedResponse[] }).responses;
}

/**
 * A stand-in for an OpenAI-compatible or Anthropic-compatible model server on 127.0.0.1 (no model
 * runs here): it answers each request with the next recorded response and keeps what it received,
 * so tests can check what docsift sent. Past the recording it answers 500, which a test notices.
 */
export async function startReplayServer(responses: RecordedResponse[] = []): Promise<ReplayServer> {
  const queue = [...responses];
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { unparsed: text };
      }
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const next = queue.shift() ?? { status: 500, body: { error: { message: 'replay server: no recorded response left' } } };
      const payload = typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(next.status, { 'content-type': typeof next.body === 'string' ? 'text/plain' : 'application/json', ...next.headers });
        res.end(payload);
      };
      if (next.delayMs) setTimeout(answer, next.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (more) => queue.push(...more),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
