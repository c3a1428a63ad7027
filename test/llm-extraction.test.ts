import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineInput } from '../src/extraction/pipeline.js';
import { runExtractCommand } from '../src/extraction/cli/extract-command.js';
import { OpenAiProvider } from '../src/llm/openai-provider.js';
import { loadLlmFixture, type RecordedResponse, type ReplayServer, startReplayServer } from './helpers/llm-replay-server.js';

const INVOICE = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'llm', 'invoice.txt'));

/** A recorded Chat Completions answer with its content replaced (the envelope stays as recorded). */
function answer(content: unknown, finish = 'stop'): RecordedResponse {
  const recorded = structuredClone(loadLlmFixture('openai-json-schema')[0]) as { status: number; body: { choices: { message: { content: unknown }; finish_reason: string }[] } };
  recorded.body.choices[0].message.content = typeof content === 'string' ? content : JSON.stringify(content);
  recorded.body.choices[0].finish_reason = finish;
  return recorded;
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(responses: RecordedResponse[], input: Partial<PipelineInput> & { mode: 'local' | 'llm' | 'hybrid'; chunkChars?: number }) {
  server = await startReplayServer(responses);
  const provider = new OpenAiProvider({ baseUrl: `${server.url}/v1`, model: 'qwen2.5-7b-instruct', policy: { timeoutMs: 5000, maxRetries: 2, backoffMs: 5 } });
  const { mode, chunkChars, ...rest } = input;
  return runPipeline({
    bytes: INVOICE,
    mediaType: 'text/plain',
    filename: 'invoice.txt',
    ...rest,
    llm: { provider, mode, threshold: 0.6, chunkChars: chunkChars ?? 24_000 },
  });
}

const sentSchema = (i: number) => (server!.requests[i].body.response_format as { json_schema: { schema: { properties: Record<string, unknown> } } }).json_schema.schema;
const userPrompt = (i: number) => (server!.requests[i].body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;

describe('LLM extraction in the pipeline', () => {
  it('local mode calls nothing and gives the same result as no LLM at all', async () => {
    const plain = await runPipeline({ bytes: INVOICE, mediaType: 'text/plain', filename: 'invoice.txt' });
    const local = await run([], { mode: 'local' });
    expect(server!.requests).toHaveLength(0);
    expect(local).toEqual(plain);
  });

  it('hybrid asks only for fields the engine missed, fills them with citations, and flags a value not in the document', async () => {
    // The engine reads the customer ("Bill to: Globex Corporation") but not the seller's address, printed
    // only after "Registered office:" at the foot of the page, not under the seller's name.
    const r = await run([answer({ vendor_address: 'Hauptstrasse 5, 10115 Berlin', due_date: null, iban: 'DE89370400440532013000', invoice_number: 'IGNORED' })], { mode: 'hybrid' });
    const asked = Object.keys(sentSchema(0).properties);
    expect(asked).toContain('vendor_address');
    expect(asked).not.toContain('customer_name');
    expect(asked).not.toContain('invoice_number'); // read with 0.97 by the engine
    expect(userPrompt(0)).toContain('<!-- page 1 -->');
    expect(userPrompt(0)).toMatch(/- vendor_address \(text\): the seller's postal address/);
    expect(r.fields.invoice_number).toMatchObject({ value: 'INV-2041', source: 'page' });
    expect(r.fields.customer_name).toMatchObject({ value: 'Globex Corporation', source: 'page' });
    expect(r.fields.vendor_address).toMatchObject({ value: 'Hauptstrasse 5, 10115 Berlin', source: 'llm', confidence: 0.85 });
    expect(r.fields.vendor_address.citations[0]).toMatchObject({ page: 1, text: expect.stringContaining('Hauptstrasse 5') });
    expect(r.fields.iban).toMatchObject({ value: 'DE89370400440532013000', source: 'llm', confidence: 0.3, citations: [] });
    expect(r.warnings).toContainEqual({ code: 'LLM_VALUE_UNGROUNDED', message: expect.stringContaining('iban: "DE89370400440532013000"') });
    expect(r.llm).toEqual({ engine: 'openai:qwen2.5-7b-instruct', inputTokens: 812, outputTokens: 96, calls: 1 });
  });

  it('llm mode takes every field from the model, grounded in the words of the document', async () => {
    const r = await run(loadLlmFixture('openai-json-schema'), { mode: 'llm' });
    expect(Object.keys(sentSchema(0).properties)).toEqual(expect.arrayContaining(['invoice_number', 'line_items', 'total_amount']));
    expect(r.fields.total_amount).toMatchObject({ value: 41.65, source: 'llm' });
    expect(r.fields.total_amount.citations[0].text).toContain('41.65');
    expect(r.fields.line_items.value).toHaveLength(2);
    expect(r.fields.line_items.citations).toHaveLength(2);
    expect(r.fields.customer_name).toMatchObject({ value: null, confidence: 0 });
    expect(r.warnings.filter((w) => w.code.startsWith('LLM_'))).toEqual([]);
  });

  it('a currency code is grounded by the symbol the document prints', async () => {
    const text = 'Receipt\nCoffee    € 3,50\nTotal    € 3,50';
    const schema = { fields: [{ name: 'currency', type: 'String' }, { name: 'total', type: 'Number' }] };
    const r = await run([answer({ currency: 'EUR', total: 3.5 })], { mode: 'llm', bytes: Buffer.from(text), schema });
    expect(r.fields.currency).toMatchObject({ value: 'EUR', source: 'llm', confidence: 0.85 });
    expect(r.fields.currency.citations[0].text).toContain('€');
  });

  it('hybrid sends a failed check to the model and re-runs the check on the merged values', async () => {
    const text = INVOICE.toString('utf8').replace('41.65', '46.65');
    const r = await run([answer({ subtotal: 35, tax_amount: 6.65, total_amount: 46.65 })], { mode: 'hybrid', bytes: Buffer.from(text) });
    expect(userPrompt(0)).toContain('TOTAL_MISMATCH');
    expect(Object.keys(sentSchema(0).properties)).toEqual(expect.arrayContaining(['subtotal', 'tax_amount', 'total_amount']));
    // The model read the same printed values: they agree with the engine, and the document still does not add up.
    expect(r.fields.total_amount.source).toBe('page+llm');
    expect(r.warnings.filter((w) => w.code === 'TOTAL_MISMATCH')).toHaveLength(1);
  });

  it("hybrid: a differing reading the document prints replaces the engine's, and the failed check is settled", async () => {
    const text = 'ACME Tools GmbH\nInvoice number: INV-7\n\nSubtotal    35.00\nVAT 19%    6.65\nTotal    46.65\n\nPlease pay 41.65 by 31.03.2025.\n';
    const r = await run([answer({ subtotal: 35, tax_amount: 6.65, total_amount: 41.65 })], { mode: 'hybrid', bytes: Buffer.from(text), detectionType: 'invoice' });
    expect(userPrompt(0)).toContain('TOTAL_MISMATCH: subtotal 35.00 + tax 6.65 is 41.65, total is 46.65');
    expect(r.fields.total_amount).toMatchObject({ value: 41.65, source: 'llm' });
    expect(r.fields.total_amount.citations[0].text).toContain('Please pay 41.65');
    expect(r.fields.subtotal.source).toBe('page+llm');
    expect(r.warnings.map((w) => w.code)).not.toContain('TOTAL_MISMATCH');
  });

  it('a long list is read chunk by chunk over pages, merged, and a row repeated from the previous part dropped', async () => {
    const pages = ['Coffee beans    12.50\nMilk    3.20', 'Milk    3.20\nSugar    2.10\nTea    4.80', 'Cups    9.99'];
    const schema = { fields: [{ name: 'entries', type: 'List<Object>', description: 'every purchase', children: [{ name: 'description', type: 'String' }, { name: 'amount', type: 'Number' }] }] };
    const r = await run(
      [
        answer({ entries: [{ description: 'Coffee beans', amount: 12.5 }, { description: 'Milk', amount: 3.2 }] }),
        // Page 2 prints "Milk 3.20" again (carried over), and the model repeats it; it is also printed on page 2, so it stays.
        answer({ entries: [{ description: 'Milk', amount: 3.2 }, { description: 'Sugar', amount: 2.1 }, { description: 'Tea', amount: 4.8 }] }),
        // Page 3: the model repeats page 2's last row, which page 3 does not print: dropped.
        answer({ entries: [{ description: 'Tea', amount: 4.8 }, { description: 'Cups', amount: 9.99 }] }),
      ],
      { mode: 'llm', bytes: Buffer.from(pages.join('\f')), schema, chunkChars: 60 },
    );
    expect(server!.requests).toHaveLength(3);
    expect(userPrompt(1)).toContain('This is part 2 of 3 of the document (pages 2–2)');
    expect(userPrompt(1)).toContain('<!-- page 2 -->');
    expect(userPrompt(1)).not.toContain('Coffee');
    expect((r.data.entries as { description: string }[]).map((e) => e.description)).toEqual(['Coffee beans', 'Milk', 'Milk', 'Sugar', 'Tea', 'Cups']);
    expect(r.fields.entries.citations.map((c) => c.page)).toEqual([1, 1, 2, 2, 2, 3]);
    expect(r.llm?.calls).toBe(3);
    expect(r.llm?.inputTokens).toBe(3 * 812);
  });

  it('a list shorter than the count the document prints is reported', async () => {
    const text = 'Statement\nCoffee beans    12.50\nMilk    3.20\nSugar    2.10\nNumber of transactions: 3';
    const schema = { fields: [{ name: 'transactions', type: 'List<Object>', children: [{ name: 'description', type: 'String' }, { name: 'amount', type: 'Number' }] }] };
    const r = await run([answer({ transactions: [{ description: 'Coffee beans', amount: 12.5 }, { description: 'Milk', amount: 3.2 }] })], { mode: 'llm', bytes: Buffer.from(text), schema });
    expect(r.warnings).toContainEqual({ code: 'LLM_LIST_SHORT', message: 'transactions: the document states 3 rows, 2 were read' });
  });

  it('an answer cut off at the output limit is asked again page by page, so no rows are lost', async () => {
    const pages = ['Coffee beans    12.50\nMilk    3.20', 'Sugar    2.10\nTea    4.80'];
    const schema = { fields: [{ name: 'entries', type: 'List<Object>', children: [{ name: 'description', type: 'String' }, { name: 'amount', type: 'Number' }] }] };
    const r = await run(
      [
        answer('{"entries": [{"description": "Coffee beans", "amount": 12.5}, {"description": "Mil', 'length'),
        answer({ entries: [{ description: 'Coffee beans', amount: 12.5 }, { description: 'Milk', amount: 3.2 }] }),
        answer({ entries: [{ description: 'Sugar', amount: 2.1 }, { description: 'Tea', amount: 4.8 }] }),
      ],
      { mode: 'llm', bytes: Buffer.from(pages.join('\f')), schema },
    );
    expect(server!.requests).toHaveLength(3);
    expect(userPrompt(1)).toContain('pages 1–1');
    expect(userPrompt(2)).toContain('pages 2–2');
    expect(r.data.entries).toHaveLength(4);
    expect(r.warnings.find((w) => w.code === 'LLM_OUTPUT_TRUNCATED')).toBeUndefined();
  });

  it.each(['openai-empty-then-valid', 'openai-malformed-then-valid', 'openai-reasoning-only'])('%s: an unusable answer is asked for once more', async (fixture) => {
    const r = await run(loadLlmFixture(fixture), { mode: 'llm' });
    expect(server!.requests).toHaveLength(2);
    expect(r.fields.invoice_number).toMatchObject({ value: 'INV-2041', source: 'llm' });
  });

  it('broken JSON is asked for again, and a second broken answer is repaired with a warning', async () => {
    const broken = answer('{"invoice_number": "INV-2041", "total_amount": 41.65,, "customer_name": "Globex Corporation"}');
    const r = await run([broken, broken], { mode: 'llm' });
    expect(server!.requests).toHaveLength(2);
    expect(r.fields.invoice_number).toMatchObject({ value: 'INV-2041', source: 'llm' });
    expect(r.warnings).toContainEqual({ code: 'LLM_OUTPUT_REPAIRED', message: expect.stringContaining('page 1') });
  });

  it('hybrid keeps the local values, with a warning, when the model gives nothing usable', async () => {
    const r = await run(loadLlmFixture('openai-empty-twice'), { mode: 'hybrid' });
    expect(r.warnings).toContainEqual({ code: 'LLM_FAILED', message: expect.stringContaining('the model answered with empty content') });
    expect(r.fields.invoice_number.value).toBe('INV-2041');
    expect(r.fields.vendor_address.value).toBeNull();
    // The two calls' tokens are still reported.
    expect(r.llm).toMatchObject({ calls: 2, inputTokens: 2 * 812 });
  });

  it('llm mode fails the document with a clear reason when the model gives nothing usable', async () => {
    const err = await run(loadLlmFixture('openai-empty-twice'), { mode: 'llm' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROCESSING_ERROR', details: { reason: 'LLM_FAILED', llm_error: 'empty_output' } });
    expect((err as Error).message).toContain('the model answered with empty content');
  });

  it('llm mode passes on a rate limit that outlasts the retries, for the queue to retry the document later', async () => {
    const err = await run(loadLlmFixture('openai-429-always'), { mode: 'llm' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'LlmError', kind: 'rate_limited' });
    expect(server!.requests).toHaveLength(3);
  });

  it('docsift extract --mode hybrid uses the configured model; without one it refuses', async () => {
    server = await startReplayServer([answer({ vendor_address: 'Hauptstrasse 5, 10115 Berlin' })]);
    const provider = new OpenAiProvider({ baseUrl: `${server.url}/v1`, model: 'm', policy: { timeoutMs: 5000, maxRetries: 0, backoffMs: 5 } });
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) };
    const file = path.join(import.meta.dirname, 'fixtures', 'llm', 'invoice.txt');
    const code = await runExtractCommand([file, '--mode', 'hybrid'], io, { llm: { provider, mode: 'local', threshold: 0.6, chunkChars: 24_000 } });
    expect(code, err.join('\n')).toBe(0);
    const result = JSON.parse(out[0]);
    expect(result.fields.vendor_address).toMatchObject({ value: 'Hauptstrasse 5, 10115 Berlin', source: 'llm' });
    expect(result.llm).toMatchObject({ engine: 'openai:m', calls: 1 });
    // The default mode (local here) calls nothing.
    expect(await runExtractCommand([file], io, { llm: { provider, mode: 'local', threshold: 0.6, chunkChars: 24_000 } })).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(await runExtractCommand([file, '--mode', 'llm'], io)).toBe(2);
    expect(err.at(-1)).toContain('--mode llm needs an LLM');
  });
});
