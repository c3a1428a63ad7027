import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { loadLlmFixture, type ReplayServer, startReplayServer } from './helpers/llm-replay-server.js';
import { makePdf } from './helpers/make-pdf.js';
import { waitForExtraction } from './helpers/poll.js';

interface Row {
  date: string;
  description: string;
  amount: number;
  type: 'credit' | 'debit';
  balance: number;
}

const recorded = loadLlmFixture('anthropic-statement-two-pages');
const answers = recorded.map((r) => (r.body as { content: { input: { transactions: Row[] } }[] }).content[0].input);

/** The statement the recorded answers were given for: a text PDF, 20 transactions a page. */
function statementPages(): string[][] {
  const line = (r: Row) => `${r.date.split('-').reverse().join('.')}   ${r.description}   ${r.type === 'debit' ? '-' : ''}${r.amount.toFixed(2)}   ${r.balance.toFixed(2)}`;
  return [
    [
      'First Example Bank',
      'Statement of account',
      'Account holder: Jane Doe',
      'IBAN: DE44 5001 0517 5407 3249 31',
      'Statement period: 01.03.2025 - 31.03.2025',
      'Opening balance: 1,000.00 EUR',
      'Date   Description   Amount   Balance',
      ...answers[0].transactions.map(line),
    ],
    ['Date   Description   Amount   Balance', ...answers[1].transactions.map(line), 'Closing balance: 1,580.64 EUR'],
  ];
}

describe('llm mode through the app with an Anthropic-compatible server and a two-page PDF', () => {
  let t: TestApp;
  let llm: ReplayServer;

  beforeAll(async () => {
    llm = await startReplayServer(recorded);
    t = await createTestApp({
      env: {
        DOCSIFT_LLM_PROVIDER: 'anthropic',
        DOCSIFT_LLM_BASE_URL: llm.url,
        DOCSIFT_LLM_MODEL: 'claude-3-5-haiku-20241022',
        DOCSIFT_LLM_API_KEY: 'sk-ant-test',
        // The server's default mode: no extraction_mode in the request.
        DOCSIFT_LLM_MODE: 'llm',
        // Small chunks, so each page is its own request.
        DOCSIFT_LLM_CHUNK_CHARS: '1500',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it('reads the statement page by page, joins the transactions with citations, and records the tokens', async () => {
    const form = new FormData();
    form.append('file', new Blob([await makePdf(statementPages())], { type: 'application/pdf' }), 'statement.pdf');
    form.append('detection_type', 'bank_statement');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: { 'x-api-key': t.apiKey, 'content-type': req.headers.get('content-type')! },
      payload: Buffer.from(await req.arrayBuffer()),
    });
    expect(res.statusCode, res.body).toBe(202);
    const extraction = res.json().extraction;
    expect((await waitForExtraction(t.app, t.apiKey, extraction.extraction_id)).status).toBe('completed');
    const documentId = extraction.documents[0].document_id as string;
    const doc = (await t.app.inject({ method: 'GET', url: `/v1/extractions/${extraction.extraction_id}/documents/${documentId}`, headers: { 'x-api-key': t.apiKey } })).json().document;

    expect(llm.requests).toHaveLength(2);
    for (const [i, sent] of llm.requests.entries()) {
      expect(sent.path).toBe('/v1/messages');
      expect(sent.body.tool_choice).toEqual({ type: 'tool', name: 'record_extraction' });
      const prompt = (sent.body.messages as { content: string }[])[0].content;
      expect(prompt).toContain(`This is part ${i + 1} of 2 of the document (pages ${i + 1}–${i + 1})`);
      expect(prompt).toContain(`<!-- page ${i + 1} -->`);
    }

    const txs = doc.fields.transactions;
    expect(txs.source).toBe('llm');
    expect(txs.value).toHaveLength(40);
    // Debits come back signed, like the local engine's.
    expect(txs.value[0]).toMatchObject({ description: 'Bakery Sonnenschein', type: 'debit', amount: -10 });
    expect(txs.citations.map((c: { page: number }) => c.page)).toEqual([...Array(20).fill(1), ...Array(20).fill(2)]);
    expect(txs.citations[0].text).toContain('Bakery Sonnenschein');
    expect(txs.citations[0].bbox).toHaveLength(4);
    expect(doc.fields.opening_balance).toMatchObject({ value: 1000, source: 'llm' });
    expect(doc.fields.opening_balance.citations[0].page).toBe(1);
    expect(doc.fields.closing_balance).toMatchObject({ value: 1580.64, source: 'llm' });
    expect(doc.fields.closing_balance.citations[0].page).toBe(2);
    expect(doc.data.transaction_count).toBe(40);
    expect(doc.data.statement_period).toEqual({ from: '2025-03-01', to: '2025-03-31' });
    // opening + the rows = closing: the statement check passes on the model's values.
    expect(doc.warnings.map((w: { code: string }) => w.code)).not.toContain('BALANCE_MISMATCH');
    expect(doc.warnings.filter((w: { code: string }) => w.code === 'LLM_VALUE_UNGROUNDED')).toEqual([]);

    const records = (await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: { 'x-api-key': t.apiKey } })).json().usage_records as Record<string, any>[];
    expect(records.find((r) => r.document_id === documentId)).toMatchObject({
      engine: 'llm:anthropic:claude-3-5-haiku-20241022',
      llm_input_tokens: 2900,
      llm_output_tokens: 1780,
      llm_cost: null,
    });
  });
});
