import { useEffect, useState } from 'react';
import type { Api } from '../api';
import { Empty, ErrorBox, Loading, StatusBadge, useLoad } from './states';
import { CalibrationBars, FieldTable, RunDiff } from './evaluation-run-parts';
import { pct, runLabel, type Comparison, type EvaluationItem, type EvaluationRun, type EvaluationSetSummary } from './evaluation-types';

const RUNNING = new Set(['queued', 'processing']);

/** One evaluation set: its items, a run button, the chosen run's per-field table and calibration, and the diff of two runs. */
export function EvaluationSetView({ api, setId }: { api: Api; setId: string }) {
  const set = useLoad(() => api.native<{ evaluation_set: EvaluationSetSummary & { items: EvaluationItem[] } }>('GET', `/evaluation-sets/${setId}`), [api, setId]);
  const runs = useLoad(() => api.native<{ evaluation_runs: EvaluationRun[] }>('GET', `/evaluation-sets/${setId}/runs?per_page=100`), [api, setId]);
  const parserId = set.data?.evaluation_set.parser_id ?? null;
  const versions = useLoad(
    async () => (parserId ? (await api.native<{ versions: Array<{ version: number; label: string }> }>('GET', `/parsers/${parserId}/versions?per_page=100`)).versions : []),
    [api, parserId],
  );
  const [choice, setChoice] = useState('');
  const [runError, setRunError] = useState<unknown>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [a, setA] = useState('');
  const [b, setB] = useState('');

  const list = runs.data?.evaluation_runs ?? [];
  const running = list.some((r) => RUNNING.has(r.status));
  // A run in progress: check again until it is scored (its status moves like an extraction's).
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(runs.reload, 1000);
    return () => clearTimeout(timer);
  }, [running, runs.reload, runs.data]);
  const shownId = shown ?? list.find((r) => r.status === 'completed')?.evaluation_run_id ?? null;
  const detail = useLoad(
    async () => (shownId ? (await api.native<{ evaluation_run: EvaluationRun }>('GET', `/evaluation-runs/${shownId}`)).evaluation_run : null),
    [api, shownId, list.length, running],
  );
  const scored = list.filter((r) => r.status === 'completed');
  const diff = useLoad(
    async () => (a && b && a !== b ? (await api.native<{ comparison: Comparison }>('GET', `/evaluation-runs/${a}/compare/${b}`)).comparison : null),
    [api, a, b],
  );

  if (set.loading && !set.data) return <Loading />;
  if (set.error) return <ErrorBox error={set.error} onRetry={set.reload} />;
  const s = set.data!.evaluation_set;

  async function startRun() {
    setRunError(null);
    try {
      const body = choice.startsWith('mode:') ? { mode: choice.slice(5) } : choice ? { parser_version: choice === 'draft' ? 'draft' : Number(choice) } : {};
      const { evaluation_run } = await api.native<{ evaluation_run: EvaluationRun }>('POST', `/evaluation-sets/${setId}/runs`, body);
      setShown(evaluation_run.evaluation_run_id);
      runs.reload();
    } catch (err) {
      setRunError(err);
    }
  }

  const run = detail.data;
  return (
    <section className="view" aria-labelledby="set-title">
      <div className="doc-header">
        <a className="btn btn-small" href="#/evaluations">
          ← Sets
        </a>
        <h1 id="set-title">{s.name}</h1>
        <span className="muted">{s.item_count} items</span>
      </div>

      <h2>Items</h2>
      {s.items.length === 0 ? (
        <Empty>No items yet: open a document, review it and choose “Add to evaluation set”.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table small" aria-label="Items">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Expected fields</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((i) => (
                <tr key={i.item_id}>
                  <td>{i.filename}</td>
                  <td>{Object.keys(i.expected).join(', ')}</td>
                  <td>{i.source_document_id ? 'reviewed document' : 'upload'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form
        className="row wrap card"
        aria-label="Run the set"
        onSubmit={(e) => {
          e.preventDefault();
          void startRun();
        }}
      >
        <label>
          Run with
          <select name="run-with" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{parserId ? 'Latest published version' : 'Default mode'}</option>
            {(versions.data ?? []).map((v) => (
              <option key={v.version} value={String(v.version)}>
                Version {v.label}
              </option>
            ))}
            {parserId ? <option value="draft">Draft</option> : null}
            <option value="mode:local">Mode: local</option>
            <option value="mode:hybrid">Mode: hybrid</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={s.item_count === 0}>
          Run
        </button>
        {running ? <span role="status" className="muted">A run is in progress…</span> : null}
        {runError ? <ErrorBox error={runError} /> : null}
      </form>

      <h2>Runs</h2>
      {list.length === 0 ? <Empty>No runs yet.</Empty> : null}
      <ul className="runs" aria-label="Runs">
        {list.map((r) => (
          <li key={r.evaluation_run_id} data-run={r.evaluation_run_id}>
            <button type="button" className="link" aria-pressed={shownId === r.evaluation_run_id} onClick={() => setShown(r.evaluation_run_id)}>
              {runLabel(r)}
            </button>{' '}
            <StatusBadge status={r.status} />{' '}
            {RUNNING.has(r.status) ? <span className="muted small">{r.progress.completed + r.progress.failed}/{r.progress.total}</span> : null}
          </li>
        ))}
      </ul>

      {run?.summary ? (
        <div className="run-detail" aria-label="Run results">
          <h2>
            {runLabel(run)}: F1 {pct(run.summary.overall_f1)}
          </h2>
          <p className="muted">
            {run.summary.items.completed}/{run.summary.items.total} documents, {run.summary.pages} pages, {run.summary.ms_per_page ?? '—'} ms per page
          </p>
          <FieldTable fields={run.summary.fields} />
          <h3>Calibration</h3>
          <CalibrationBars bands={run.summary.calibration} />
        </div>
      ) : null}

      {scored.length >= 2 ? (
        <div className="card" aria-label="Compare runs">
          <h2>Compare two runs</h2>
          <div className="row wrap">
            {([['A', a, setA], ['B', b, setB]] as const).map(([label, value, set]) => (
              <label key={label}>
                Run {label}
                <select name={`run-${label.toLowerCase()}`} value={value} onChange={(e) => set(e.target.value)}>
                  <option value="">Choose…</option>
                  {scored.map((r) => (
                    <option key={r.evaluation_run_id} value={r.evaluation_run_id}>
                      {runLabel(r)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {diff.error ? <ErrorBox error={diff.error} /> : null}
          {diff.data ? <RunDiff comparison={diff.data} /> : null}
        </div>
      ) : null}
    </section>
  );
}
