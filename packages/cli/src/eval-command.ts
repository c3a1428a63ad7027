import type { EvaluationComparison, EvaluationItem, EvaluationRun, EvaluationSetSummary } from '../../client/src/index.js';
import { EXIT, UsageError, type Command } from './cli-types.js';
import { json, table } from './format.js';
import { client, needArgs, parse, readJsonFile, str, sub, type Parsed } from './remote-commands.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
const signed = (x: number | null) => (x === null ? '-' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}`);

/** A scored run as tables: per field, then calibration; a run in progress as its progress line. */
function describeRun(run: EvaluationRun): string {
  const head = `${run.evaluation_run_id} ${run.status} parser=${run.parser_id ?? '-'} version=${run.parser_version_label ?? '-'} mode=${run.mode ?? 'default'}`;
  const pr = run.progress;
  if (!run.summary) return `${head}\nprogress: ${pr.completed + pr.failed + pr.cancelled}/${pr.total} documents done (${pr.failed} failed)`;
  const s = run.summary;
  const fields = table(
    ['FIELD', 'KIND', 'GOLD', 'TP', 'FP', 'FN', 'PRECISION', 'RECALL', 'F1', 'ACCURACY'],
    s.fields.map((f) => [f.field, f.kind, f.gold, f.tp, f.fp, f.fn, pct(f.precision), pct(f.recall), pct(f.f1), pct(f.accuracy)]),
  );
  const bands = table(
    ['CONFIDENCE', 'VALUES', 'CORRECT', 'ACCURACY'],
    s.calibration.map((b) => [`${b.min.toFixed(1)}-${b.max.toFixed(1)}`, b.values, b.correct, pct(b.accuracy)]),
  );
  return [
    head,
    `overall F1 ${pct(s.overall_f1)} (scalars ${pct(s.overall_scalar_f1)}), ${s.items.completed}/${s.items.total} documents, ${s.pages} pages, ${s.ms_per_page ?? '-'} ms/page`,
    '',
    fields,
    '',
    bands,
  ].join('\n');
}

function describeComparison(c: EvaluationComparison): string {
  const rows = c.fields.map((f) => [f.field, pct(f.a?.f1), pct(f.b?.f1), signed(f.delta_f1), signed(f.delta_accuracy), f.change]);
  const items = c.items.map((i) => [i.filename, i.better.join(',') || '-', i.worse.join(',') || '-']);
  return [
    `${c.a.evaluation_run_id} (${c.a.parser_version_label ?? c.a.mode ?? '-'}) -> ${c.b.evaluation_run_id} (${c.b.parser_version_label ?? c.b.mode ?? '-'}): overall F1 ${pct(c.overall.a_f1)} -> ${pct(c.overall.b_f1)}`,
    `better: ${c.better.join(', ') || 'none'}; worse: ${c.worse.join(', ') || 'none'}`,
    '',
    table(['FIELD', 'F1 A', 'F1 B', 'ΔF1', 'ΔACCURACY', 'CHANGE'], rows),
    ...(items.length ? ['', table(['ITEM', 'BETTER', 'WORSE'], items)] : []),
  ].join('\n');
}

function version(p: Parsed): number | string | undefined {
  const v = str(p, 'version');
  if (v === undefined) return undefined;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** `docsift eval …`: evaluation sets built from reviewed documents or files, their runs and comparisons. */
export const evalCommand: Command = {
  summary: 'evaluation sets: create, add, run, show, compare, list, delete',
  usage: `docsift eval [list]
docsift eval create <name> [--parser PARSER_ID] [--type invoice|receipt|bank_statement] [--description TEXT]
docsift eval add <set_id> --document DOC_ID...           (reviewed documents: their reviewed output is the expectation)
docsift eval add <set_id> <file> --expected expected.json (a file with its expected output)
docsift eval run <set_id> [--parser PARSER_ID] [--version N|draft] [--mode local|llm|hybrid] [--wait]
docsift eval show <set_id|run_id>                         (a set's items and runs, or a run's per-field figures)
docsift eval compare <run_id_a> <run_id_b>                (which fields got better or worse from a to b)
docsift eval delete <set_id>`,
  async run(ctx) {
    const p = parse(ctx, {
      parser: { type: 'string' },
      type: { type: 'string' },
      description: { type: 'string' },
      document: { type: 'string', multiple: true },
      expected: { type: 'string' },
      version: { type: 'string' },
      mode: { type: 'string' },
      wait: { type: 'boolean', default: false },
    });
    const api = client(ctx, p);
    const out = (value: unknown, human: () => string) => ctx.io.stdout(p.values.json ? json(value) : human());
    return sub(ctx, p, {
      list: async () => {
        const all: EvaluationSetSummary[] = [];
        for await (const s of api.evaluations.listSetsAll()) all.push(s);
        out(all, () => table(['SET', 'NAME', 'ITEMS', 'PARSER', 'UPDATED'], all.map((s) => [s.evaluation_set_id, s.name, s.item_count, s.parser_id ?? s.document_type, s.updated_at])));
        return EXIT.OK;
      },
      create: async () => {
        needArgs(p, 1, '<name>');
        const set = await api.evaluations.createSet({ name: p.positionals[0], parser_id: str(p, 'parser'), document_type: str(p, 'type'), description: str(p, 'description') });
        out(set, () => `created ${set.evaluation_set_id} ${set.name}`);
        return EXIT.OK;
      },
      add: async () => {
        needArgs(p, 1, '<set_id>');
        const setId = p.positionals[0];
        const documents = (p.values.document as string[] | undefined) ?? [];
        const items: EvaluationItem[] = [];
        for (const documentId of documents) items.push(await api.evaluations.addItem(setId, { document_id: documentId }));
        const file = p.positionals[1];
        if (file) {
          const expectedFile = str(p, 'expected');
          if (!expectedFile) throw new UsageError('a file needs --expected expected.json');
          const expected = await readJsonFile(expectedFile);
          items.push(await api.evaluations.addItem(setId, { file, expected: expected as Record<string, unknown> }));
        }
        if (items.length === 0) throw new UsageError('nothing to add: give --document DOC_ID or a file with --expected');
        out(items, () => items.map((i) => `added ${i.item_id} ${i.filename}`).join('\n'));
        return EXIT.OK;
      },
      run: async () => {
        needArgs(p, 1, '<set_id>');
        let run = await api.evaluations.run(p.positionals[0], { parser_id: str(p, 'parser'), parser_version: version(p), mode: str(p, 'mode') });
        if (p.values.wait) {
          let last = '';
          run = await api.evaluations.waitForRun(run.evaluation_run_id, {
            onProgress: (r) => {
              const line = `progress: ${r.progress.completed + r.progress.failed + r.progress.cancelled}/${r.progress.total} ${r.status}`;
              if (line !== last) ctx.io.stderr((last = line));
            },
          });
        }
        out(run, () => (p.values.wait ? describeRun(run) : `started ${run.evaluation_run_id} (${run.status}); docsift eval show ${run.evaluation_run_id}`));
        return EXIT.OK;
      },
      show: async () => {
        needArgs(p, 1, '<set_id|run_id>');
        const id = p.positionals[0];
        if (id.startsWith('evr_')) {
          const run = await api.evaluations.getRun(id);
          out(run, () => describeRun(run));
          return EXIT.OK;
        }
        const [set, runs] = await Promise.all([api.evaluations.getSet(id), api.evaluations.listRuns(id, { per_page: 100 })]);
        out({ ...set, runs: runs.evaluation_runs }, () =>
          [
            `${set.evaluation_set_id} ${set.name}: ${set.item_count} items, parser ${set.parser_id ?? '-'}`,
            table(['ITEM', 'FILE', 'FIELDS', 'SOURCE'], set.items.map((i) => [i.item_id, i.filename, Object.keys(i.expected).length, i.source_document_id])),
            '',
            table(['RUN', 'STATUS', 'VERSION', 'MODE', 'CREATED'], runs.evaluation_runs.map((r) => [r.evaluation_run_id, r.status, r.parser_version_label, r.mode, r.created_at])),
          ].join('\n'),
        );
        return EXIT.OK;
      },
      compare: async () => {
        needArgs(p, 2, '<run_id_a> <run_id_b>');
        const c = await api.evaluations.compare(p.positionals[0], p.positionals[1]);
        out(c, () => describeComparison(c));
        return EXIT.OK;
      },
      delete: async () => {
        needArgs(p, 1, '<set_id>');
        const r = await api.evaluations.deleteSet(p.positionals[0]);
        out(r, () => `deleted ${p.positionals[0]}`);
        return EXIT.OK;
      },
    }, evalCommand.usage);
  },
};
