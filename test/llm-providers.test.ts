import { afterEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../src/llm/anthropic-provider.js';
import { LlmError, type LlmRequest } from '../src/llm/llm-provider.js';
import { parseModelJson } from '../src/extraction/llm/model-output.js';
import { OpenAiProvider } from '../src/llm/openai-provider.js';
import { loadLlmFixture, type ReplayServer, startReplayServer } from './helpers/llm-replay-server.js';

const policy = { timeoutMs: 5000, maxRetries: 3, backoffMs: 5 };
const schema = { type: 'object', properties: { invoice_number: { type: ['string', 'null'] } }, required: ['invoice_number'] };
const request: LlmRequest = { system: 'You extract data.', prompt: 'Document: Invoice number INV-2041', schema, schemaName: 'record_extraction' };

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function openai(fixture: string, options: Partial<typeof policy> = {}) {
  server = await startReplayServer(loadLlmFixture(fixture));
  return new OpenAiProvider({ baseUrl: `${server.url}/v1`, apiKey: 'sk-test', model: 'qwen2.5-7b-instruct', policy: { ...policy, ...options } });
}

async function anthropic(fixture: string) {
  server = await startReplayServer(loadLlmFixture(fixture));
  return new AnthropicProvider({ baseUrl: server.url, apiKey: 'sk-ant-test', model: 'claude-3-5-haiku-20241022', policy });
}

describe('OpenAI-compatible provider', () => {
  it('asks for json_schema structured output and reads the answer and its token counts', async () => {
    const p = await openai('openai-json-schema');
    const r = await p.complete(request);
    const sent = server!.requests[0];
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('qwen2.5-7b-instruct');
    expect(sent.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'record_extraction', schema, strict: false } });
    expect(r.usage).toEqual({ inputTokens: 812, outputTokens: 96 });
    expect(r.truncated).toBe(false);
    expect(parseModelJson(r.text).value).toMatchObject({ invoice_number: 'INV-2041', total_amount: 41.65 });
  });

  it('falls back to json_object with the schema in the prompt when the server rejects json_schema, and remembers it', async () => {
    const p = await openai('openai-json-schema-rejected');
    const r = await p.complete(request);
    expect(parseModelJson(r.text).value).toMatchObject({ invoice_number: 'INV-2041' });
    const [first, second] = server!.requests;
    expect((first.body.response_format as { type: string }).type).toBe('json_schema');
    expect(second.body.response_format).toEqual({ type: 'json_object' });
    const user = (second.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!;
    expect(user.content).toContain('"invoice_number"');
    server!.enqueue(loadLlmFixture('openai-json-schema'));
    await p.complete(request);
    expect(server!.requests[2].body.response_format).toEqual({ type: 'json_object' });
  });

  it('drops temperature when a reasoning model refuses it, keeping json_schema', async () => {
    const p = await openai('openai-temperature-unsupported');
    const r = await p.complete(request);
    expect(parseModelJson(r.text).value).toMatchObject({ invoice_number: 'INV-2041' });
    const [first, second] = server!.requests;
    expect(first.body.temperature).toBe(0);
    expect(second.body.temperature).toBeUndefined();
    expect((second.body.response_format as { type: string }).type).toBe('json_schema');
  });

  it('strips think tags, a code fence and prose around the JSON', async () => {
    const p = await openai('openai-think-and-fence');
    const r = await p.complete(request);
    expect(parseModelJson(r.text)).toEqual({ value: expect.objectContaining({ invoice_number: 'INV-2041', vendor_name: 'ACME Tools GmbH' }), repaired: false });
  });

  it('reports an answer cut at the output limit and repairs it, dropping the unfinished row', async () => {
    const p = await openai('openai-truncated');
    const r = await p.complete(request);
    expect(r.truncated).toBe(true);
    const parsed = parseModelJson(r.text);
    expect(parsed.repaired).toBe(true);
    const items = (parsed.value as { line_items: unknown[] }).line_items;
    expect(items[0]).toEqual({ description: 'Steel bolts M8', quantity: 100, unit_price: 0.25, amount: 25 });
    // The second row was cut inside its description: its half name is not kept.
    expect(items.slice(1)).toEqual([{}]);
  });

  it('retries 429 (after Retry-After) and 5xx, then succeeds', async () => {
    const p = await openai('openai-429-then-valid');
    const r = await p.complete(request);
    expect(server!.requests).toHaveLength(3);
    expect(r.attempts).toBe(3);
    expect(parseModelJson(r.text).value).toMatchObject({ invoice_number: 'INV-2041' });
  });

  it('gives up after its retries with a typed rate_limited error', async () => {
    const p = await openai('openai-429-always');
    const err = await p.complete(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).kind).toBe('rate_limited');
    expect((err as LlmError).message).toMatch(/429.*4 attempts.*Rate limit reached/);
    expect(server!.requests).toHaveLength(4);
  });

  it('does not retry a 401 and passes on the server message', async () => {
    const p = await openai('openai-401');
    const err = (await p.complete(request).catch((e: unknown) => e)) as LlmError;
    expect(err.kind).toBe('http_error');
    expect(err.status).toBe(401);
    expect(err.message).toContain('Incorrect API key');
    expect(server!.requests).toHaveLength(1);
  });

  it('times out a server that does not answer, after its retries', async () => {
    const slow = { ...loadLlmFixture('openai-json-schema')[0], delayMs: 2000 };
    server = await startReplayServer([slow, slow]);
    const p = new OpenAiProvider({ baseUrl: `${server.url}/v1`, model: 'm', policy: { ...policy, timeoutMs: 100, maxRetries: 1 } });
    const err = (await p.complete(request).catch((e: unknown) => e)) as LlmError;
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('100 ms (2 attempts)');
    expect(server.requests).toHaveLength(2);
  });

  it('an empty answer is a failure with a clear reason', async () => {
    const p = await openai('openai-empty-twice');
    const r = await p.complete(request);
    expect(() => parseModelJson(r.text)).toThrow(expect.objectContaining({ kind: 'empty_output', message: 'the model answered with empty content' }));
    const r2 = await p.complete(request);
    expect(r2.text).toBeNull();
    expect(() => parseModelJson(r2.text)).toThrow(/empty content/);
  });
});

describe('Anthropic provider', () => {
  it('forces one tool whose input_schema is the target schema and returns its input', async () => {
    const p = await anthropic('anthropic-tool-use');
    const r = await p.complete(request);
    const sent = server!.requests[0];
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('sk-ant-test');
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.body.tools).toEqual([{ name: 'record_extraction', description: expect.any(String), input_schema: schema }]);
    expect(sent.body.tool_choice).toEqual({ type: 'tool', name: 'record_extraction' });
    expect(sent.body.system).toBe('You extract data.');
    expect(r.json).toMatchObject({ invoice_number: 'INV-2041' });
    expect(r.usage).toEqual({ inputTokens: 1024, outputTokens: 120 });
  });

  it('retries 529 overloaded and 429, then succeeds', async () => {
    const p = await anthropic('anthropic-overloaded-then-valid');
    const r = await p.complete(request);
    expect(server!.requests).toHaveLength(3);
    expect(r.json).toMatchObject({ total_amount: 41.65 });
  });

  it('reads JSON from text when a server answers without the tool', async () => {
    const p = await anthropic('anthropic-text-fallback');
    const r = await p.complete(request);
    expect(r.json).toBeUndefined();
    expect(parseModelJson(r.text).value).toMatchObject({ invoice_number: 'INV-2041' });
  });

  it('flags a tool call stopped at max_tokens as truncated', async () => {
    const p = await anthropic('anthropic-max-tokens');
    expect((await p.complete(request)).truncated).toBe(true);
  });

  it('an answer with no content at all is an empty-output failure', async () => {
    const p = await anthropic('anthropic-empty');
    const r = await p.complete(request);
    expect(r.json).toBeUndefined();
    expect(() => parseModelJson(r.text)).toThrow(expect.objectContaining({ kind: 'empty_output' }));
  });
});
