import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../internal/db/database.js';
import { isAppError, type AppError } from '../internal/errors/app-error.js';
import { nowIso } from '../internal/ids.js';
import { TemplatesService } from './templates-service.js';

let dataDir: string;
let db: Db;
let service: TemplatesService;
const tenantA = 'ten_a';
const tenantB = 'ten_b';

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-templates-'));
  db = await openDatabase({ dataDir });
  for (const id of [tenantA, tenantB]) {
    await db.insertInto('tenants').values({ id, name: id, credits_balance: null, webhook_secret: 's', created_at: nowIso() }).execute();
  }
  service = new TemplatesService({ db });
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const invoiceFields = [
  { name: 'invoice_number', type: 'String', description: 'Invoice id', required: true },
  { name: 'line_items', type: 'List<Object>', children: [{ name: 'amount', type: 'Number' }] },
];

describe('TemplatesService', () => {
  it('creates a template from typed fields and reads it back', async () => {
    const created = await service.create(tenantA, {
      name: '  Invoices ',
      description: 'Supplier invoices',
      documentType: 'invoice',
      fields: invoiceFields,
      instructions: 'Amounts in EUR.',
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^prs_/),
      tenantId: tenantA,
      name: 'Invoices',
      description: 'Supplier invoices',
      documentType: 'invoice',
      draft: { format: 'fields', fields: invoiceFields, instructions: 'Amounts in EUR.' },
      latestVersion: null,
      hasUnpublishedChanges: true,
    });
    expect(await service.get(tenantA, created.id)).toEqual(created);
  });

  it('creates a template from a JSON Schema and keeps it verbatim', async () => {
    const schema = { type: 'object', properties: { total: { type: ['number', 'null'], 'extend:type': 'currency' } } };
    const created = await service.create(tenantA, { name: 'Schema', schema });
    expect(created.draft).toEqual({ format: 'json_schema', schema });
  });

  it('rejects invalid input with per-field details', async () => {
    const err = await caught(
      service.create(tenantA, { name: '', fields: [{ name: 'a', type: 'Nope' }, { name: 'a', type: 'String' }] }),
    );
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.details).toMatchObject({
      name: [expect.any(String)],
      'fields.0.type': [expect.stringContaining('type must be one of')],
      'fields.1.name': [expect.stringContaining('duplicate')],
    });
    const both = await caught(service.create(tenantA, { name: 'x', fields: [], schema: { type: 'object' } }));
    expect(both.details).toHaveProperty('schema');
    const neither = await caught(service.create(tenantA, { name: 'x' }));
    expect(neither.details).toHaveProperty('fields');
  });

  it('scopes every read and write by tenant', async () => {
    const created = await service.create(tenantA, { name: 'Private', fields: invoiceFields });
    for (const attempt of [
      service.get(tenantB, created.id),
      service.update(tenantB, created.id, { name: 'stolen' }),
      service.delete(tenantB, created.id),
      service.publishVersion(tenantB, created.id),
      service.listVersions(tenantB, created.id),
      service.getVersion(tenantB, created.id, 'latest'),
      service.resolveForRun(tenantB, created.id),
    ]) {
      expect((await caught(attempt)).code).toBe('NOT_FOUND');
    }
    expect((await service.list(tenantB)).items.map((t) => t.id)).not.toContain(created.id);
    expect((await service.get(tenantA, created.id)).name).toBe('Private');
  });

  it('publishes immutable versions numbered by sequence and labelled by release type', async () => {
    const created = await service.create(tenantA, { name: 'Versioned', documentType: 'invoice', fields: invoiceFields });
    const v1 = await service.publishVersion(tenantA, created.id, { description: 'first' });
    expect(v1).toMatchObject({ version: 1, label: '1.0', description: 'first', documentType: 'invoice', id: expect.stringMatching(/^prv_/) });

    await service.update(tenantA, created.id, {
      documentType: 'receipt',
      fields: [{ name: 'merchant', type: 'String' }],
    });
    const afterEdit = await service.get(tenantA, created.id);
    expect(afterEdit.hasUnpublishedChanges).toBe(true);
    expect(afterEdit.latestVersion).toMatchObject({ version: 1, label: '1.0' });

    // The published version still holds the old definition.
    const stillV1 = await service.getVersion(tenantA, created.id, 1);
    expect(stillV1.definition).toEqual({ format: 'fields', fields: invoiceFields });
    expect(stillV1.documentType).toBe('invoice');

    const v2 = await service.publishVersion(tenantA, created.id, { releaseType: 'minor' });
    expect(v2).toMatchObject({ version: 2, major: 1, minor: 1, label: '1.1', documentType: 'receipt' });
    const v3 = await service.publishVersion(tenantA, created.id, { releaseType: 'major' });
    expect(v3.label).toBe('2.0');
    expect(v3.version).toBe(3);
    expect(await service.get(tenantA, created.id)).toMatchObject({
      latestVersion: { version: 3, label: '2.0' },
      hasUnpublishedChanges: false,
    });

    expect((await service.getVersion(tenantA, created.id, '1.1')).version).toBe(2);
    expect((await service.getVersion(tenantA, created.id, 'latest')).version).toBe(3);
    expect((await service.getVersion(tenantA, created.id, '3')).label).toBe('2.0');
    expect((await caught(service.getVersion(tenantA, created.id, 4))).code).toBe('NOT_FOUND');
    expect((await caught(service.getVersion(tenantA, created.id, '9.9'))).code).toBe('NOT_FOUND');
    expect((await caught(service.getVersion(tenantA, created.id, 'bogus'))).code).toBe('VALIDATION_ERROR');
    expect((await caught(service.getVersion(tenantA, created.id, 'draft'))).code).toBe('VALIDATION_ERROR');

    const versions = await service.listVersions(tenantA, created.id, { perPage: 2 });
    expect(versions).toMatchObject({ total: 3, page: 1, perPage: 2, totalPages: 2 });
    expect(versions.items.map((v) => v.label)).toEqual(['2.0', '1.1']);
    const second = await service.listVersions(tenantA, created.id, { page: 2, perPage: 2 });
    expect(second.items.map((v) => v.label)).toEqual(['1.0']);
  });

  it('refuses to publish or run a template with no fields', async () => {
    const empty = await service.create(tenantA, { name: 'Empty', fields: [] });
    expect((await caught(service.publishVersion(tenantA, empty.id))).code).toBe('VALIDATION_ERROR');
    expect((await caught(service.resolveForRun(tenantA, empty.id))).code).toBe('VALIDATION_ERROR');
    const emptySchema = await service.create(tenantA, { name: 'Empty schema', schema: { type: 'object' } });
    expect((await caught(service.publishVersion(tenantA, emptySchema.id))).details).toHaveProperty('schema');
  });

  it('updates only what is given, and keeps instructions across definition changes', async () => {
    const created = await service.create(tenantA, {
      name: 'Patch me',
      description: 'd',
      fields: invoiceFields,
      instructions: 'Be careful.',
    });
    const renamed = await service.update(tenantA, created.id, { name: 'Patched' });
    expect(renamed).toMatchObject({ name: 'Patched', description: 'd', draft: created.draft });

    const switched = await service.update(tenantA, created.id, { schema: { type: 'object', properties: { a: { type: 'string' } } } });
    expect(switched.draft).toEqual({
      format: 'json_schema',
      schema: { type: 'object', properties: { a: { type: 'string' } } },
      instructions: 'Be careful.',
    });
    const cleared = await service.update(tenantA, created.id, { instructions: null, description: null });
    expect(cleared.draft).toEqual({ format: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } });
    expect(cleared.description).toBeNull();

    const bad = await caught(service.update(tenantA, created.id, { fields: [{ name: 'x', type: 'Object' }] }));
    expect(bad.details).toHaveProperty(['fields.0.children']);
    expect((await caught(service.update(tenantA, 'prs_missing', { name: 'x' }))).code).toBe('NOT_FOUND');
  });

  it('resolves the definition a run uses: latest version, else the draft; or a pinned one', async () => {
    const created = await service.create(tenantA, { name: 'Runnable', fields: invoiceFields });
    const draftRun = await service.resolveForRun(tenantA, created.id);
    expect(draftRun).toMatchObject({ templateId: created.id, version: null, versionLabel: 'draft', name: 'Runnable' });
    expect(draftRun.fields).toEqual(invoiceFields);
    expect(draftRun.schema).toMatchObject({ type: 'object', required: ['invoice_number'] });

    await service.publishVersion(tenantA, created.id);
    await service.update(tenantA, created.id, { fields: [{ name: 'other', type: 'String' }] });

    const latest = await service.resolveForRun(tenantA, created.id);
    expect(latest).toMatchObject({ version: 1, versionLabel: '1.0', definition: { fields: invoiceFields } });
    expect(await service.resolveForRun(tenantA, created.id, 'latest')).toMatchObject({ version: 1 });
    expect(await service.resolveForRun(tenantA, created.id, 1)).toMatchObject({ version: 1 });
    expect(await service.resolveForRun(tenantA, created.id, '1.0')).toMatchObject({ version: 1 });
    const draft = await service.resolveForRun(tenantA, created.id, 'draft');
    expect(draft).toMatchObject({ version: null, fields: [{ name: 'other', type: 'String' }] });

    expect((await caught(service.resolveForRun(tenantA, created.id, 7))).code).toBe('NOT_FOUND');
    const invalid = await caught(service.resolveForRun(tenantA, created.id, 'newest'));
    expect(invalid.details).toHaveProperty('parser_version');
    expect((await caught(service.resolveForRun(tenantA, 'prs_missing'))).code).toBe('NOT_FOUND');
  });

  it('deletes a template with its versions', async () => {
    const created = await service.create(tenantA, { name: 'Doomed', fields: invoiceFields });
    await service.publishVersion(tenantA, created.id);
    await service.delete(tenantA, created.id);
    expect((await caught(service.get(tenantA, created.id))).code).toBe('NOT_FOUND');
    const left = await db.selectFrom('template_versions').select('id').where('template_id', '=', created.id).execute();
    expect(left).toEqual([]);
    expect((await caught(service.delete(tenantA, created.id))).code).toBe('NOT_FOUND');
  });

  it('lists newest first with pagination, totals and case-insensitive search', async () => {
    const tenant = 'ten_list';
    await db.insertInto('tenants').values({ id: tenant, name: tenant, credits_balance: null, webhook_secret: 's', created_at: nowIso() }).execute();
    const names = ['Alpha invoice', 'Beta receipt', 'Gamma INVOICE', 'Delta 100%_off', 'Epsilon'];
    for (const name of names) {
      // created_at has millisecond resolution; keep the order unambiguous.
      await new Promise((resolve) => setTimeout(resolve, 3));
      await service.create(tenant, { name, description: name === 'Epsilon' ? 'for invoices too' : null, fields: invoiceFields });
    }
    const all = await service.list(tenant, { perPage: 2 });
    expect(all).toMatchObject({ total: 5, page: 1, perPage: 2, totalPages: 3 });
    expect(all.items.map((t) => t.name)).toEqual(['Epsilon', 'Delta 100%_off']);
    const last = await service.list(tenant, { page: 3, perPage: 2 });
    expect(last.items.map((t) => t.name)).toEqual(['Alpha invoice']);
    expect((await service.list(tenant, { page: 9 })).items).toEqual([]);

    expect((await service.list(tenant, { name: 'invoice' })).items.map((t) => t.name)).toEqual(['Gamma INVOICE', 'Alpha invoice']);
    expect((await service.list(tenant, { search: 'invoice' })).total).toBe(3);
    // LIKE wildcards in the search text match themselves only.
    expect((await service.list(tenant, { name: '%_' })).items.map((t) => t.name)).toEqual(['Delta 100%_off']);
    expect((await service.list(tenant, { name: '_' })).total).toBe(1);
    expect((await service.list(tenant, { perPage: 1000 })).perPage).toBe(100);
  });
});
