import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/internal/ids.js';
import { waitForExtraction } from './helpers/poll.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

describe('usage records and GET /v1/usage', () => {
  let t: TestApp;
  const auth = () => ({ 'x-api-key': t.apiKey });
  const submit = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload });
    expect(res.statusCode, res.body).toBe(202);
    return waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
  };
  const getUsage = async (query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/usage${query}`, headers: auth() });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records each finished document with pages, credits, duration, engine, parser and tags', async () => {
    const parser = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: auth(),
      payload: { name: 'Totals', description: 'x', fields: [{ name: 'total_amount', type: 'Number', description: 'Total' }] },
    });
    const parserId = parser.json().parser.parser_id as string;
    const published = await t.app.inject({ method: 'POST', url: `/v1/parsers/${parserId}/versions`, headers: auth(), payload: {} });
    expect(published.statusCode, published.body).toBeLessThan(300);

    const a = await submit({ text: 'Invoice INV-1\nTotal 10.00', metadata: { 'docsift:usage_tags': ['prod', 'team-a'] } });
    const b = await submit({ text: 'Receipt\nTotal 5.00', metadata: { 'extend:usage_tags': ['prod', 'bad tag!'] } });
    const c = await submit({ text: 'Invoice INV-3\nTotal 7.00', parser_id: parserId, parser_version: 1 });
    expect([a.status, b.status, c.status]).toEqual(['completed', 'completed', 'completed']);

    const list = await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: auth() });
    expect(list.statusCode).toBe(200);
    const records = list.json().usage_records as Array<Record<string, any>>;
    expect(records).toHaveLength(3);
    const byExtraction = Object.fromEntries(records.map((r) => [r.extraction_id, r]));
    expect(byExtraction[a.extraction_id]).toMatchObject({
      document_id: a.documents[0].document_id,
      status: 'completed',
      pages: 1,
      credits: 1,
      engine: 'local',
      parser_id: null,
      parser_version: null,
      usage_tags: ['prod', 'team-a'],
    });
    expect(byExtraction[a.extraction_id].duration_ms).toBeGreaterThanOrEqual(0);
    expect(byExtraction[a.extraction_id].api_key_id).toMatch(/^key_/);
    expect(byExtraction[b.extraction_id].usage_tags).toEqual(['prod', 'badtag']);
    expect(byExtraction[c.extraction_id]).toMatchObject({ parser_id: parserId, parser_version: 1, usage_tags: [] });

    const { usage, credits_balance } = await getUsage();
    expect(credits_balance).toBeNull();
    expect(usage.totals).toMatchObject({ documents: 3, completed: 3, failed: 0, pages: 3, credits: 3 });
    const today = new Date().toISOString().slice(0, 10);
    expect(usage.by_day).toEqual([expect.objectContaining({ date: today, documents: 3, credits: 3 })]);
    expect(usage.by_tag).toEqual([
      expect.objectContaining({ tag: 'badtag', documents: 1 }),
      expect.objectContaining({ tag: 'prod', documents: 2, credits: 2 }),
      expect.objectContaining({ tag: 'team-a', documents: 1 }),
    ]);
    expect(usage.by_parser).toEqual([
      expect.objectContaining({ parser_id: null, parser_version: null, parser_name: null, documents: 2 }),
      expect.objectContaining({ parser_id: parserId, parser_version: 1, parser_name: 'Totals', documents: 1 }),
    ]);
    expect((await getUsage('?tag=prod')).usage.totals.documents).toBe(2);
    expect((await getUsage(`?parser_id=${parserId}`)).usage.totals.documents).toBe(1);
  });

  it('records failed documents too, and refunds one that failed before a page was read', async () => {
    // A page range past the end of the document fails it before any page is read: its 1 credit is refunded.
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: 'Invoice', page_ranges: '5-6' } });
    expect(res.statusCode).toBe(202);
    const failed = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
    expect(failed.status).toBe('failed');
    const retried = await t.app.inject({ method: 'POST', url: `/v1/extractions/${failed.extraction_id}/retry`, headers: auth() });
    expect(retried.statusCode, retried.body).toBeLessThan(300);
    await waitForExtraction(t.app, t.apiKey, failed.extraction_id);

    const records = (await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: auth() })).json().usage_records as Array<Record<string, any>>;
    const mine = records.filter((r) => r.extraction_id === failed.extraction_id);
    expect(mine).toHaveLength(2);
    expect(mine.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(mine.map((r) => r.credits)).toEqual([0, 0]);
    // Refunded once, by the first failure; the retry's failure has nothing left to refund.
    expect(mine.map((r) => r.refunded_credits).sort()).toEqual([0, 1]);
    const { usage } = await getUsage();
    expect(usage.totals).toMatchObject({ documents: 5, completed: 3, failed: 2, credits: 3 });
  });

  it('aggregates by UTC day with inclusive from/to dates and date-time bounds', async () => {
    const tenantId = t.tenantId;
    const rows = [
      { day: '2031-03-01T23:59:59.000Z', pages: 2, credits: 2, status: 'completed', tags: ['x'], parser: 'prs_a' },
      { day: '2031-03-02T00:00:00.000Z', pages: 3, credits: 3, status: 'completed', tags: ['x', 'y'], parser: 'prs_a' },
      { day: '2031-03-02T12:00:00.000Z', pages: 1, credits: 1, status: 'failed', tags: [], parser: null },
      { day: '2031-03-04T08:00:00.000Z', pages: 5, credits: 5, status: 'completed', tags: ['y'], parser: 'prs_b' },
    ] as const;
    for (const r of rows) {
      const id = newId('use');
      await t.core.db
        .insertInto('usage_records')
        .values({
          id,
          tenant_id: tenantId,
          extraction_id: 'ext_x',
          document_id: newId('doc'),
          api_key_id: null,
          status: r.status,
          pages: r.pages,
          credits: r.credits,
          duration_ms: 100,
          engine: 'local',
          parser_id: r.parser,
          parser_version: r.parser ? 2 : null,
          tags: JSON.stringify(r.tags),
          created_at: r.day,
        })
        .execute();
      for (const tag of r.tags) {
        await t.core.db.insertInto('usage_record_tags').values({ usage_record_id: id, tenant_id: tenantId, tag, created_at: r.day }).execute();
      }
    }
    // Another tenant's usage never shows.
    await t.core.db
      .insertInto('usage_records')
      .values({
        id: newId('use'), tenant_id: 'ten_other', extraction_id: 'ext_y', document_id: 'doc_y', api_key_id: null, status: 'completed',
        pages: 99, credits: 99, duration_ms: 1, engine: 'local', parser_id: null, parser_version: null, tags: '[]', created_at: '2031-03-02T01:00:00.000Z',
      })
      .execute();

    const march = (await getUsage('?from=2031-03-01&to=2031-03-04')).usage;
    expect(march.from).toBe('2031-03-01T00:00:00.000Z');
    expect(march.to).toBe('2031-03-05T00:00:00.000Z');
    expect(march.totals).toEqual({ documents: 4, completed: 3, failed: 1, pages: 11, credits: 11, duration_ms: 400, llm_input_tokens: 0, llm_output_tokens: 0, llm_cost: 0 });
    expect(march.by_day.map((d: any) => [d.date, d.documents, d.credits])).toEqual([
      ['2031-03-01', 1, 2],
      ['2031-03-02', 2, 4],
      ['2031-03-04', 1, 5],
    ]);
    expect(march.by_tag.map((d: any) => [d.tag, d.documents, d.pages])).toEqual([
      ['x', 2, 5],
      ['y', 2, 8],
    ]);
    expect(march.by_parser.map((d: any) => [d.parser_id, d.parser_version, d.documents, d.credits])).toEqual([
      [null, null, 1, 1],
      ['prs_a', 2, 2, 5],
      ['prs_b', 2, 1, 5],
    ]);

    const secondDay = (await getUsage('?from=2031-03-02&to=2031-03-02')).usage;
    expect(secondDay.totals).toMatchObject({ documents: 2, pages: 4 });
    const halfDay = (await getUsage('?from=2031-03-02T06:00:00Z&to=2031-03-04T08:00:00Z')).usage;
    expect(halfDay.totals).toMatchObject({ documents: 1, pages: 1 });
    const tagged = (await getUsage('?from=2031-03-01&tag=y')).usage;
    expect(tagged.totals).toMatchObject({ documents: 2, credits: 8 });
    const none = (await getUsage('?from=2032-01-01')).usage;
    expect(none.totals).toEqual({ documents: 0, completed: 0, failed: 0, pages: 0, credits: 0, duration_ms: 0, llm_input_tokens: 0, llm_output_tokens: 0, llm_cost: 0 });
    expect(none.by_day).toEqual([]);

    const page = await t.app.inject({ method: 'GET', url: '/v1/usage/records?from=2031-03-01&per_page=3', headers: auth() });
    expect(page.json().pagination).toMatchObject({ total: 4, per_page: 3, total_pages: 2 });
    expect(page.json().usage_records[0].created_at).toBe('2031-03-04T08:00:00.000Z');
  });

  it('refuses bad date filters', async () => {
    for (const query of ['?from=yesterday', '?from=2031-03-05&to=2031-03-01']) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/usage${query}`, headers: auth() });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
  });
});
