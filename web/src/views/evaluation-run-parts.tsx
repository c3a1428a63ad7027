import type { CalibrationBand, Comparison, FieldSummary } from './evaluation-types';
import { pct } from './evaluation-types';

/** The per-field figures of a scored run. */
export function FieldTable({ fields }: { fields: FieldSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Per-field accuracy">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Kind</th>
            <th scope="col">Expected</th>
            <th scope="col" title="Matched values (rows, for lists)">TP</th>
            <th scope="col" title="Predicted but wrong, or extra rows">FP</th>
            <th scope="col" title="Expected but wrong or missing">FN</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">Accuracy</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field} data-field={f.field}>
              <th scope="row">{f.field}</th>
              <td>{f.kind}</td>
              <td>{f.gold}</td>
              <td>{f.tp}</td>
              <td>{f.fp}</td>
              <td>{f.fn}</td>
              <td>{pct(f.precision)}</td>
              <td>{pct(f.recall)}</td>
              <td>{pct(f.f1)}</td>
              <td data-accuracy={f.accuracy}>{pct(f.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Accuracy per confidence band as horizontal bars: a value of confidence 0.9 should be right 9 times in 10. */
export function CalibrationBars({ bands }: { bands: CalibrationBand[] }) {
  return (
    <ul className="calibration" aria-label="Calibration">
      {bands.map((b) => (
        <li key={b.min} data-band={b.min}>
          <span className="band-label">
            {b.min.toFixed(1)}–{b.max.toFixed(1)}
          </span>
          <span className="bar" role="img" aria-label={`confidence ${b.min.toFixed(1)} to ${b.max.toFixed(1)}: ${b.correct} of ${b.values} right`}>
            <span className="bar-fill" style={{ width: `${(b.accuracy ?? 0) * 100}%` }} />
          </span>
          <span className="muted small">
            {b.values ? `${b.correct}/${b.values} right (${pct(b.accuracy)})` : 'no values'}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Run b against run a: each field's F1 and its change, and the items with a field that changed. */
export function RunDiff({ comparison }: { comparison: Comparison }) {
  const c = comparison;
  return (
    <div className="run-diff">
      <p>
        Overall F1 {pct(c.overall.a_f1)} → {pct(c.overall.b_f1)}. Better: {c.better.join(', ') || 'none'}. Worse: {c.worse.join(', ') || 'none'}.
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="Field changes">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">F1 (A)</th>
              <th scope="col">F1 (B)</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {c.fields.map((f) => (
              <tr key={f.field} data-field={f.field} data-change={f.change}>
                <th scope="row">{f.field}</th>
                <td>{pct(f.a?.f1)}</td>
                <td>{pct(f.b?.f1)}</td>
                <td>
                  <span className={`badge badge-${f.change === 'better' ? 'ok' : f.change === 'worse' ? 'bad' : 'busy'}`}>{f.change}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.items.length > 0 ? (
        <ul className="changed-items" aria-label="Changed items">
          {c.items.map((i) => (
            <li key={i.item_id}>
              <strong>{i.filename}</strong>
              {i.better.length ? <span className="badge badge-ok">better: {i.better.join(', ')}</span> : null}
              {i.worse.length ? <span className="badge badge-bad">worse: {i.worse.join(', ')}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No item changed.</p>
      )}
    </div>
  );
}
