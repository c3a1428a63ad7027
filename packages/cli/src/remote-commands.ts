import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DocsiftClient, type CreateExtractionParams, type Extraction, type ExtractionResults, type FileInput, type Parser, type ParserVersion, type UsageRecord, type Webhook } from '../../client/src/index.js';
import { EXIT, NotAuthenticatedError, UsageError, type CliContext, type Command, type CommandTable } from './cli-types.js';
import { json, table } from './format.js';
import { Progress } from './progress.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every remote command takes. */
const GLOBAL: Options = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  json: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};
const GLOBAL_USAGE = 'Global: --url URL (or DOCSIFT_URL, default http://127.0.0.1:8080), --api-key KEY (or DOCSIFT_API_KEY), --json, --timeout SECONDS';

interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

function parse(ctx: CliContext, options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: ctx.argv, options: { ...GLOBAL, ...options }, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

function int(p: Parsed, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

function jsonOption(p: Parsed, name: string): unknown {
  const v = str(p, name);
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    throw new UsageError(`--${name} must be JSON`);
  }
}

function client(ctx: CliContext, p: Parsed): DocsiftClient {
  const apiKey = str(p, 'api-key') ?? ctx.env.DOCSIFT_API_KEY;
  if (!apiKey) throw new NotAuthenticatedError('no API key: set DOCSIFT_API_KEY or pass --api-key');
  const timeout = int(p, 'timeout', 1);
  return new DocsiftClient({
    baseUrl: str(p, 'url') ?? ctx.env.DOCSIFT_URL ?? 'http://127.0.0.1:8080',
    apiKey,
    timeoutMs: timeout ? timeout * 1000 : undefined,
    onRetry: (r) => ctx.io.stderr(`docsift: ${r.reason}, retrying in ${Math.round(r.delayMs / 100) / 10}s (attempt ${r.attempt})`),
  });
}

function needArgs(p: Parsed, n: number, what: string): void {
  if (p.positionals.length < n) throw new UsageError(`missing ${what}`);
}

const FAILED_DOC = new Set(['failed']);
const failedCount = (e: Extraction) => e.document_counts.failed;

/** Waits for several extractions at once, drawing one progress bar over all their documents. */
async function waitAll(api: DocsiftClient, ctx: CliContext, ids: string[], pollTimeoutMs: number | undefined, showProgress: boolean): Promise<Extraction[]> {
  const latest = new Map<string, Extraction>();
  const progress = showProgress ? new Progress(ctx.io) : null;
  const draw = () => {
    let total = 0;
    let done = 0;
    let failed = 0;
    for (const e of latest.values()) {
      const c = e.document_counts;
      total += c.total;
      done += c.completed + c.failed + c.cancelled;
      failed += c.failed;
    }
    progress?.update({ total, done, failed });
  };
  try {
    return await Promise.all(
      ids.map((id) =>
        api.extractions.waitFor(id, {
          timeoutMs: pollTimeoutMs,
          onProgress: (e) => {
            latest.set(id, e);
            draw();
          },
        }),
      ),
    );
  } finally {
    progress?.finish();
  }
}

function printExtractions(ctx: CliContext, extractions: Extraction[]): void {
  ctx.io.stdout(
    table(
      ['EXTRACTION', 'STATUS', 'DOCS', 'DONE', 'FAILED', 'CREATED'],
      extractions.map((e) => [e.extraction_id, e.status, e.document_counts.total, e.document_counts.completed, e.document_counts.failed, e.created_at]),
    ),
  );
}

function printDocuments(ctx: CliContext, results: ExtractionResults[]): void {
  const rows = results.flatMap((r) =>
    r.documents.map((d) => [d.document_id, d.filename, d.status, d.document_type, d.error ? `${d.error.code}${d.error.reason ? ` (${d.error.reason})` : ''}: ${d.error.message}` : '']),
  );
  ctx.io.stdout(table(['DOCUMENT', 'FILE', 'STATUS', 'TYPE', 'ERROR'], rows));
}

const submit: Command = {
  summary: 'submit documents for extraction (optionally wait and show progress)',
  usage: `docsift submit <files...> [--text TEXT] [--url URL]... [--file-id ID]... [--type auto|invoice|receipt|bank_statement]
       [--parser ID] [--parser-version N] [--pages 1-3] [--priority 1-100] [--metadata JSON] [--custom-fields JSON]
       [--webhook-url URL] [--batch-size N] [--wait] [--poll-timeout SECONDS] [--idempotency-key KEY]`,
  async run(ctx) {
    const p = parse(ctx, {
      text: { type: 'string' },
      url: { type: 'string', multiple: true },
      'file-id': { type: 'string', multiple: true },
      type: { type: 'string' },
      parser: { type: 'string' },
      'parser-version': { type: 'string' },
      pages: { type: 'string' },
      priority: { type: 'string' },
      metadata: { type: 'string' },
      'custom-fields': { type: 'string' },
      'webhook-url': { type: 'string' },
      'batch-size': { type: 'string' },
      wait: { type: 'boolean', default: false },
      'poll-timeout': { type: 'string' },
      'idempotency-key': { type: 'string' },
    });
    const files = p.positionals;
    const urls = (p.values.url as string[] | undefined) ?? [];
    const fileIds = (p.values['file-id'] as string[] | undefined) ?? [];
    const text = str(p, 'text');
    if (!files.length && !urls.length && !fileIds.length && text === undefined) throw new UsageError('nothing to submit: give files, --url, --file-id or --text');
    const type = str(p, 'type');
    if (type && !['auto', 'invoice', 'receipt', 'bank_statement'].includes(type)) throw new UsageError('--type must be auto, invoice, receipt or bank_statement');
    const version = str(p, 'parser-version');
    const options: CreateExtractionParams = {
      detection_type: type,
      parser_id: str(p, 'parser'),
      parser_version: version === undefined ? undefined : /^\d+$/.test(version) ? Number(version) : version,
      page_ranges: str(p, 'pages'),
      priority: int(p, 'priority', 1, 100),
      metadata: jsonOption(p, 'metadata') as Record<string, unknown> | undefined,
      custom_fields: jsonOption(p, 'custom-fields') as CreateExtractionParams['custom_fields'],
      webhook_url: str(p, 'webhook-url'),
    };
    const batchSize = int(p, 'batch-size', 1, 100) ?? 20;
    const idempotencyKey = str(p, 'idempotency-key');
    // Read every file first: a missing one is a usage error before anything is sent.
    const inputs: FileInput[] = [];
    for (const f of files) {
      try {
        inputs.push({ data: new Uint8Array(await readFile(f)), filename: f.split(/[\\/]/).pop() });
      } catch (err) {
        throw new UsageError(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
    const api = client(ctx, p);
    const batches: CreateExtractionParams[] = [];
    for (let i = 0; i < inputs.length; i += batchSize) batches.push({ ...options, files: inputs.slice(i, i + batchSize) });
    if (urls.length || fileIds.length || text !== undefined) {
      batches.push({ ...options, urls: urls.length ? urls : undefined, file_ids: fileIds.length ? fileIds : undefined, text });
    }
    if (idempotencyKey && batches.length > 1) throw new UsageError('--idempotency-key needs a single extraction (raise --batch-size or submit less)');
    const created: Extraction[] = [];
    for (const batch of batches) created.push(await api.extractions.create(batch, idempotencyKey ? { idempotencyKey } : undefined));
    if (!p.values.wait) {
      if (p.values.json) ctx.io.stdout(json(created.length === 1 ? created[0] : created));
      else printExtractions(ctx, created);
      return EXIT.OK;
    }
    const pollTimeout = int(p, 'poll-timeout', 1);
    const finished = await waitAll(api, ctx, created.map((e) => e.extraction_id), pollTimeout && pollTimeout * 1000, true);
    const results = await Promise.all(finished.map((e) => api.extractions.results(e.extraction_id)));
    if (p.values.json) ctx.io.stdout(json(results.length === 1 ? results[0] : results));
    else printDocuments(ctx, results);
    return finished.some((e) => failedCount(e) > 0) ? EXIT.DOCUMENTS_FAILED : EXIT.OK;
  },
};

const status: Command = {
  summary: 'show extraction status and document counts (or list recent extractions)',
  usage: 'docsift status [<extraction_id>...] [--wait] [--poll-timeout SECONDS] [--status S] [--limit N]',
  async run(ctx) {
    const p = parse(ctx, { wait: { type: 'boolean', default: false }, 'poll-timeout': { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } });
    const api = client(ctx, p);
    let extractions: Extraction[];
    if (p.positionals.length === 0) {
      const limit = int(p, 'limit', 1, 100) ?? 20;
      extractions = (await api.extractions.list({ per_page: limit, status: str(p, 'status') as never })).extractions;
    } else if (p.values.wait) {
      const pollTimeout = int(p, 'poll-timeout', 1);
      extractions = await waitAll(api, ctx, p.positionals, pollTimeout && pollTimeout * 1000, true);
    } else {
      extractions = await Promise.all(p.positionals.map((id) => api.extractions.get(id)));
    }
    if (p.values.json) ctx.io.stdout(json(p.positionals.length === 1 ? extractions[0] : extractions));
    else printExtractions(ctx, extractions);
    return p.positionals.length && extractions.some((e) => failedCount(e) > 0) ? EXIT.DOCUMENTS_FAILED : EXIT.OK;
  },
};

const results: Command = {
  summary: "print an extraction's results as JSON (or one document's)",
  usage: 'docsift results <extraction_id> [--document DOCUMENT_ID] [--wait] [--poll-timeout SECONDS] [--data-only]',
  async run(ctx) {
    const p = parse(ctx, { document: { type: 'string' }, wait: { type: 'boolean', default: false }, 'poll-timeout': { type: 'string' }, 'data-only': { type: 'boolean', default: false } });
    needArgs(p, 1, '<extraction_id>');
    const id = p.positionals[0];
    const api = client(ctx, p);
    if (p.values.wait) await waitAll(api, ctx, [id], (int(p, 'poll-timeout', 1) ?? 0) * 1000 || undefined, true);
    const docId = str(p, 'document');
    let docs;
    if (docId) {
      const doc = await api.extractions.document(id, docId);
      docs = [doc];
      ctx.io.stdout(json(p.values['data-only'] ? doc.data : doc));
    } else {
      const all = await api.extractions.results(id);
      docs = all.documents;
      ctx.io.stdout(json(p.values['data-only'] ? docs.map((d) => ({ document_id: d.document_id, filename: d.filename, data: d.data })) : all));
    }
    return docs.some((d) => FAILED_DOC.has(d.status)) ? EXIT.DOCUMENTS_FAILED : EXIT.OK;
  },
};

const exportCommand: Command = {
  summary: 'download results as json, csv, xlsx or xml',
  usage: 'docsift export <extraction_id> [--format json|csv|xlsx|xml] [--document DOCUMENT_ID] [--out FILE]',
  async run(ctx) {
    const p = parse(ctx, { format: { type: 'string', short: 'f' }, document: { type: 'string' }, out: { type: 'string', short: 'o' } });
    needArgs(p, 1, '<extraction_id>');
    const format = str(p, 'format') ?? 'json';
    if (!['json', 'csv', 'xlsx', 'xml'].includes(format)) throw new UsageError('--format must be json, csv, xlsx or xml');
    const out = str(p, 'out');
    if (format === 'xlsx' && !out && ctx.io.stdoutIsTTY) throw new UsageError('xlsx is binary: pass --out FILE or redirect stdout');
    const api = client(ctx, p);
    const res = await api.extractions.export(p.positionals[0], { format: format as 'json', document_id: str(p, 'document') });
    if (out) {
      await writeFile(out, res.bytes);
      ctx.io.stderr(`wrote ${res.bytes.length} bytes to ${out}`);
    } else ctx.io.writeBytes(res.bytes);
    return EXIT.OK;
  },
};

function sub(ctx: CliContext, p: Parsed, actions: Record<string, () => Promise<number>>, usage: string): Promise<number> {
  const action = p.positionals.shift() ?? 'list';
  const fn = actions[action];
  if (!fn) throw new UsageError(`unknown action "${action}"\n${usage}`);
  return fn();
}

async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

const parsers: Command = {
  summary: 'custom schemas: list, get, create, update, delete, versions, publish',
  usage: `docsift parsers [list] [--search S]
docsift parsers get <parser_id>
docsift parsers create <definition.json>     ({name, description, fields:[…]} or {name, schema:<JSON Schema>})
docsift parsers update <parser_id> <definition.json>
docsift parsers delete <parser_id>
docsift parsers versions <parser_id>
docsift parsers publish <parser_id> [--description TEXT] [--major]`,
  async run(ctx) {
    const p = parse(ctx, { search: { type: 'string' }, description: { type: 'string' }, major: { type: 'boolean', default: false } });
    const api = client(ctx, p);
    const out = (value: unknown, human: () => string) => ctx.io.stdout(p.values.json ? json(value) : human());
    return sub(ctx, p, {
      list: async () => {
        const all: Parser[] = [];
        for await (const parser of api.parsers.listAll({ search: str(p, 'search') })) all.push(parser);
        out(all, () => table(['PARSER', 'NAME', 'FORMAT', 'VERSION', 'UPDATED'], all.map((x) => [x.parser_id, x.name, x.format, x.latest_version_label ?? 'draft', x.updated_at])));
        return EXIT.OK;
      },
      get: async () => {
        needArgs(p, 1, '<parser_id>');
        const parser = await api.parsers.get(p.positionals[0]);
        out(parser, () => json(parser));
        return EXIT.OK;
      },
      create: async () => {
        needArgs(p, 1, '<definition.json>');
        const parser = await api.parsers.create((await readJsonFile(p.positionals[0])) as never);
        out(parser, () => `created ${parser.parser_id} ${parser.name}`);
        return EXIT.OK;
      },
      update: async () => {
        needArgs(p, 2, '<parser_id> <definition.json>');
        const parser = await api.parsers.update(p.positionals[0], (await readJsonFile(p.positionals[1])) as never);
        out(parser, () => `updated ${parser.parser_id}`);
        return EXIT.OK;
      },
      delete: async () => {
        needArgs(p, 1, '<parser_id>');
        const r = await api.parsers.delete(p.positionals[0]);
        out(r, () => `deleted ${p.positionals[0]}`);
        return EXIT.OK;
      },
      versions: async () => {
        needArgs(p, 1, '<parser_id>');
        const all: ParserVersion[] = [];
        for await (const v of api.parsers.versions.listAll(p.positionals[0])) all.push(v);
        out(all, () => table(['VERSION', 'LABEL', 'DESCRIPTION', 'CREATED'], all.map((v) => [v.version, v.label, v.description, v.created_at])));
        return EXIT.OK;
      },
      publish: async () => {
        needArgs(p, 1, '<parser_id>');
        const v = await api.parsers.versions.publish(p.positionals[0], { description: str(p, 'description'), release_type: p.values.major ? 'major' : undefined });
        out(v, () => `published ${v.parser_id} version ${v.label}`);
        return EXIT.OK;
      },
    }, parsers.usage);
  },
};

const keys: Command = {
  summary: 'API keys: list, create (the key is shown once), revoke',
  usage: `docsift keys [list]
docsift keys create <name> [--expires-at ISO_DATE] [--allowed-domain D]...
docsift keys revoke <api_key_id>`,
  async run(ctx) {
    const p = parse(ctx, { 'expires-at': { type: 'string' }, 'allowed-domain': { type: 'string', multiple: true } });
    const api = client(ctx, p);
    const out = (value: unknown, human: () => string) => ctx.io.stdout(p.values.json ? json(value) : human());
    return sub(ctx, p, {
      list: async () => {
        const all = await api.apiKeys.list();
        out(all, () => table(['KEY', 'NAME', 'PREFIX', 'ACTIVE', 'LAST USED', 'EXPIRES'], all.map((k) => [k.api_key_id, k.name, k.prefix, k.active, k.last_used_at, k.expires_at])));
        return EXIT.OK;
      },
      create: async () => {
        needArgs(p, 1, '<name>');
        const k = await api.apiKeys.create({ name: p.positionals[0], expires_at: str(p, 'expires-at'), allowed_domains: p.values['allowed-domain'] as string[] | undefined });
        out(k, () => `created ${k.api_key_id} (${k.name}); the key is shown only now:\n${k.key}`);
        return EXIT.OK;
      },
      revoke: async () => {
        needArgs(p, 1, '<api_key_id>');
        const r = await api.apiKeys.delete(p.positionals[0]);
        out(r, () => `revoked ${p.positionals[0]}`);
        return EXIT.OK;
      },
    }, keys.usage);
  },
};

const webhooks: Command = {
  summary: 'webhook subscriptions: list, create, delete, test, rotate-secret, deliveries, redeliver',
  usage: `docsift webhooks [list]
docsift webhooks create <url> [--name N] [--events extraction.completed,extraction.failed,…] [--parser ID]...
docsift webhooks delete <webhook_id>
docsift webhooks test <webhook_id>
docsift webhooks rotate-secret <webhook_id> [--overlap SECONDS]
docsift webhooks deliveries [<webhook_id>] [--status pending|succeeded|failed]
docsift webhooks redeliver <delivery_id>`,
  async run(ctx) {
    const p = parse(ctx, {
      name: { type: 'string' },
      events: { type: 'string' },
      parser: { type: 'string', multiple: true },
      overlap: { type: 'string' },
      status: { type: 'string' },
    });
    const api = client(ctx, p);
    const out = (value: unknown, human: () => string) => ctx.io.stdout(p.values.json ? json(value) : human());
    return sub(ctx, p, {
      list: async () => {
        const all: Webhook[] = [];
        for await (const w of api.webhooks.listAll()) all.push(w);
        out(all, () => table(['WEBHOOK', 'URL', 'EVENTS', 'ACTIVE'], all.map((w) => [w.webhook_id, w.url, w.events.join(','), w.active])));
        return EXIT.OK;
      },
      create: async () => {
        needArgs(p, 1, '<url>');
        const parserIds = p.values.parser as string[] | undefined;
        const w = await api.webhooks.create({
          url: p.positionals[0],
          name: str(p, 'name'),
          events: str(p, 'events')?.split(',').map((e) => e.trim()) as never,
          scope: parserIds?.length ? 'selected' : undefined,
          parser_ids: parserIds,
        });
        out(w, () => `created ${w.webhook_id}; signing secret (shown only now):\n${w.secret}`);
        return EXIT.OK;
      },
      delete: async () => {
        needArgs(p, 1, '<webhook_id>');
        const r = await api.webhooks.delete(p.positionals[0]);
        out(r, () => `deleted ${p.positionals[0]}`);
        return EXIT.OK;
      },
      test: async () => {
        needArgs(p, 1, '<webhook_id>');
        const d = await api.webhooks.test(p.positionals[0]);
        out(d, () => `queued test delivery ${d.delivery_id}`);
        return EXIT.OK;
      },
      'rotate-secret': async () => {
        needArgs(p, 1, '<webhook_id>');
        const w = await api.webhooks.rotateSecret(p.positionals[0], { previous_secret_expires_in: int(p, 'overlap', 0) });
        out(w, () => `new signing secret for ${w.webhook_id} (shown only now):\n${w.secret}`);
        return EXIT.OK;
      },
      deliveries: async () => {
        const st = str(p, 'status') as 'failed' | undefined;
        const list = p.positionals[0]
          ? (await api.webhooks.deliveries.listFor(p.positionals[0], { status: st, per_page: 100 })).deliveries
          : (await api.webhooks.deliveries.list({ status: st, per_page: 100 })).deliveries;
        out(list, () => table(['DELIVERY', 'EVENT', 'STATUS', 'ATTEMPTS', 'LAST CODE', 'CREATED'], list.map((d) => [d.delivery_id, d.event_type, d.status, d.attempt_count, d.last_status_code, d.created_at])));
        return EXIT.OK;
      },
      redeliver: async () => {
        needArgs(p, 1, '<delivery_id>');
        const d = await api.webhooks.deliveries.redeliver(p.positionals[0]);
        out(d, () => `queued redelivery ${d.delivery_id}`);
        return EXIT.OK;
      },
    }, webhooks.usage);
  },
};

const usage: Command = {
  summary: 'documents, pages and credits used over a period',
  usage: 'docsift usage [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tag T] [--parser ID] [--records]',
  async run(ctx) {
    const p = parse(ctx, { from: { type: 'string' }, to: { type: 'string' }, tag: { type: 'string' }, parser: { type: 'string' }, records: { type: 'boolean', default: false } });
    const api = client(ctx, p);
    const query = { from: str(p, 'from'), to: str(p, 'to'), tag: str(p, 'tag'), parser_id: str(p, 'parser') };
    if (p.values.records) {
      const all: UsageRecord[] = [];
      for await (const r of api.usage.recordsAll(query)) all.push(r);
      ctx.io.stdout(p.values.json ? json(all) : table(['RECORD', 'DOCUMENT', 'STATUS', 'PAGES', 'CREDITS', 'CREATED'], all.map((r) => [r.usage_record_id, r.document_id, r.status, r.pages, r.credits, r.created_at])));
      return EXIT.OK;
    }
    const report = await api.usage.get(query);
    if (p.values.json) ctx.io.stdout(json(report));
    else {
      const t = report.usage.totals;
      ctx.io.stdout(`${report.usage.from} → ${report.usage.to}: ${t.documents} documents (${t.completed} completed, ${t.failed} failed), ${t.pages} pages, ${t.credits} credits; balance ${report.credits_balance ?? 'unlimited'}`);
      if (report.usage.by_day.length) ctx.io.stdout(table(['DAY', 'DOCS', 'PAGES', 'CREDITS'], report.usage.by_day.map((d) => [d.date, d.documents, d.pages, d.credits])));
    }
    return EXIT.OK;
  },
};

/** The commands that talk to a server. `src/start/cli.ts` adds the local ones (extract; serve and worker later). */
export const remoteCommands: CommandTable = { submit, status, results, export: exportCommand, parsers, keys, webhooks, usage };
export { GLOBAL_USAGE };

/** The argument helpers, for commands kept in their own files (eval-command.ts). */
export { parse, str, client, needArgs, sub, readJsonFile, type Parsed };
