/**
 * Template matching, measured end to end: a tenant with five templates (invoice, receipt, purchase
 * order, delivery note, bank statement), 30 documents of those kinds submitted without parser_id through
 * the native API (devdata train split: e-invoices, SROIE receipts, the bank statement; the rest
 * generated), and how many come back matched to the right template. Then the receipt and bank
 * statement templates opt out of matching (auto_match false) and documents of kinds no matchable
 * template describes are submitted: none may be matched to a template.
 *   npm run bench:template-match [-- --devdata ../shared/devdata] [--fit]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestApp } from '../test/helpers/test-core.js';
import { multipartBody } from '../test/helpers/multipart-body.js';
import { waitForExtraction } from '../test/helpers/poll.js';
import { generateBusinessDocument, type BusinessKind } from '../test/fixtures/synthetic-business-documents.js';
import { textToPdf } from '../test/fixtures/text-pdf.js';
import { fitWeights } from './template-match-fit.js';
import { MEASURED, TEMPLATED_KINDS, type TemplatedKind } from './template-match-templates.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');

interface Doc {
  kind: BusinessKind;
  name: string;
  bytes: Buffer;
  contentType: string;
}

const splits = JSON.parse(readFileSync(path.join(devdata, 'splits.json'), 'utf8')) as { train: string[] };
const DATASETS = ['sroie_train', 'sroie', 'transtractor', 'zugferd_corpus', 'facturx_fixtures', 'extractthinker', 'einvoices'];
const gold = (id: string) => {
  const dataset = DATASETS.find((d) => existsSync(path.join(devdata, 'gold', d, `${id}.json`)));
  if (!dataset) throw new Error(`no gold file for ${id}`);
  return JSON.parse(readFileSync(path.join(devdata, 'gold', dataset, `${id}.json`), 'utf8')) as { source_file: string };
};
const devdataDoc = (id: string, kind: BusinessKind): Doc => {
  const file = gold(id).source_file;
  return { kind, name: path.basename(file), bytes: readFileSync(path.join(devdata, file)), contentType: file.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg' };
};
const generated = (kind: BusinessKind, seed: number): Doc => ({ kind, name: `${kind}-${seed}.pdf`, bytes: textToPdf(generateBusinessDocument(kind, seed).text), contentType: 'application/pdf' });

// The train split's documents, in a fixed order: real ones first, generated ones (seeds 10,000+) to make six per kind.
const invoices = splits.train.filter((id) => /^(zf|fx|et|ei)-/.test(id)).sort().filter((_, i) => i % 4 === 0).slice(0, 3);
const sroie = splits.train.filter((id) => id.startsWith('sroie-')).sort();
const receipts: string[] = [];
for (const id of sroie) {
  if (receipts.length === 3) break;
  // data/sroie_train holds 324 of its 474 images.
  if (existsSync(path.join(devdata, gold(id).source_file))) receipts.push(id);
}
const measured: Doc[] = [
  ...invoices.map((id) => devdataDoc(id, 'invoice')),
  ...receipts.map((id) => devdataDoc(id, 'receipt')),
  devdataDoc('transtractor-test1', 'bank_statement'),
];
for (const kind of TEMPLATED_KINDS) {
  for (let seed = 10_000; measured.filter((d) => d.kind === kind).length < 6; seed++) measured.push(generated(kind, seed));
}

if (args.includes('--fit')) {
  await fitWeights(devdata, new Set(receipts.map((id) => id.replace(/^sroie-/, ''))));
  process.exit(0);
}

const t = await createTestApp();
const headers = { 'x-api-key': t.apiKey };
try {
  const ids = new Map<string, TemplatedKind>();
  const parserOf = new Map<TemplatedKind, string>();
  for (const kind of TEMPLATED_KINDS) {
    const res = await t.app.inject({ method: 'POST', url: '/v1/parsers', headers, payload: MEASURED[kind] });
    if (res.statusCode !== 201) throw new Error(`parser ${kind}: ${res.statusCode} ${res.body}`);
    ids.set(res.json().parser.parser_id, kind);
    parserOf.set(kind, res.json().parser.parser_id);
  }
  const submit = async (docs: Doc[]) => {
    const started = Date.now();
    const out: Array<{ doc: Doc; matched: TemplatedKind | null; confidence: number | null; type: string | null }> = [];
    for (const doc of docs) {
      const body = multipartBody([{ name: 'file', filename: doc.name, content: doc.bytes, contentType: doc.contentType }]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { ...headers, ...body.headers }, payload: body.payload });
      if (res.statusCode !== 202) throw new Error(`${doc.name}: ${res.statusCode} ${res.body}`);
      const extraction = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id, 120_000);
      const d = extraction.documents[0];
      out.push({ doc, matched: d.template_match ? (ids.get(d.template_match.template_id) ?? null) : null, confidence: d.template_match?.confidence ?? null, type: d.document_type });
    }
    return { out, ms: Date.now() - started };
  };

  const a = await submit(measured);
  const right = a.out.filter((r) => r.matched === r.doc.kind).length;
  const real = measured.filter((d) => !/^[a-z_]+-\d+\.pdf$/.test(d.name)).length;
  console.log(`\n5 templates, ${measured.length} documents (${real} from devdata train, ${measured.length - real} generated):`);
  for (const r of a.out) console.log(`  ${r.matched === r.doc.kind ? 'ok   ' : 'WRONG'} ${r.doc.kind.padEnd(15)} ${r.doc.name.slice(0, 48).padEnd(49)} → ${r.matched ?? 'none'} (${r.confidence ?? '-'}; type ${r.type})`);
  console.log(`matched to the right template: ${right}/${measured.length} = ${((100 * right) / measured.length).toFixed(1)}% (${(a.ms / measured.length).toFixed(0)} ms/document end to end)`);

  // Receipts and bank statements no longer have a matchable template; quotations, payslips and letters never had one.
  for (const kind of ['receipt', 'bank_statement'] as const) {
    await t.app.inject({ method: 'PUT', url: `/v1/parsers/${parserOf.get(kind)}`, headers, payload: { auto_match: false } });
  }
  const others: Doc[] = [...measured.filter((d) => d.kind === 'receipt' || d.kind === 'bank_statement')];
  for (const kind of ['quotation', 'payslip', 'letter'] as const) for (let seed = 10_000; seed < 10_004; seed++) others.push(generated(kind, seed));
  const b = await submit(others);
  const forced = b.out.filter((r) => r.matched !== null);
  console.log(`\nreceipt and bank statement templates opted out; ${others.length} documents of kinds without a matchable template:`);
  for (const r of forced) console.log(`  FORCED ${r.doc.kind} ${r.doc.name} → ${r.matched} (${r.confidence})`);
  console.log(`forced into a template: ${forced.length}/${others.length}`);
} finally {
  await t.close();
}
process.exit(0);
