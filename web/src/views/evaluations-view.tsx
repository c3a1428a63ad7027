import { useState } from 'react';
import type { Api } from '../api';
import { Empty, ErrorBox, Loading, formatDate, useLoad } from './states';
import type { EvaluationSetSummary } from './evaluation-types';

/** Evaluation sets: the list, and a form to start a new one (items come from reviewed documents or uploads). */
export function EvaluationsView({ api }: { api: Api }) {
  const sets = useLoad(() => api.native<{ evaluation_sets: EvaluationSetSummary[] }>('GET', '/evaluation-sets?per_page=100'), [api]);
  const parsers = useLoad(() => api.native<{ parsers: Array<{ parser_id: string; name: string }> }>('GET', '/parsers?per_page=100'), [api]);
  const [name, setName] = useState('');
  const [parserId, setParserId] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function create() {
    setError(null);
    try {
      const { evaluation_set } = await api.native<{ evaluation_set: EvaluationSetSummary }>('POST', '/evaluation-sets', { name, parser_id: parserId || null });
      window.location.hash = `#/evaluations/${evaluation_set.evaluation_set_id}`;
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="view" aria-labelledby="evaluations-title">
      <h1 id="evaluations-title">Evaluation sets</h1>
      <p className="muted">Documents with expected outputs: run a parser version against them and see, field by field, how often it is right.</p>
      <form
        className="row wrap card"
        aria-label="New evaluation set"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="grow">
          Name
          <input name="set-name" value={name} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Template
          <select name="set-parser" value={parserId} onChange={(e) => setParserId(e.target.value)}>
            <option value="">Built-in types (auto)</option>
            {(parsers.data?.parsers ?? []).map((p) => (
              <option key={p.parser_id} value={p.parser_id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
          Create set
        </button>
        {error ? <ErrorBox error={error} /> : null}
      </form>
      {sets.loading && !sets.data ? <Loading /> : null}
      {sets.error ? <ErrorBox error={sets.error} onRetry={sets.reload} /> : null}
      {sets.data && sets.data.evaluation_sets.length === 0 ? (
        <Empty>No evaluation sets yet. Create one, then add reviewed documents from their review view.</Empty>
      ) : null}
      {sets.data && sets.data.evaluation_sets.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Evaluation sets">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Items</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {sets.data.evaluation_sets.map((s) => (
                <tr key={s.evaluation_set_id}>
                  <td>
                    <a href={`#/evaluations/${s.evaluation_set_id}`}>{s.name}</a>
                  </td>
                  <td>{s.item_count}</td>
                  <td>{formatDate(s.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
