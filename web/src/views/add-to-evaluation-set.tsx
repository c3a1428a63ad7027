import { useState } from 'react';
import type { Api } from '../api';
import { ErrorBox, useLoad } from './states';
import type { EvaluationSetSummary } from './evaluation-types';

const BUILT_IN = new Set(['invoice', 'receipt', 'bank_statement']);

/**
 * "Add to evaluation set" in a document's review view: the document's reviewed output becomes the
 * item's expected output. A document not yet reviewed is first marked reviewed as it stands (the
 * values on screen are what the user confirms); unsaved edits must be saved first.
 */
export function AddToEvaluationSet({ api, extractionId, documentId, parserId, documentType, reviewed, unsaved, onReviewed }: {
  api: Api;
  /** A new set is bound to the document's parser (or its built-in type), so its runs can pick versions. */
  parserId: string | null;
  documentType: string | null;
  extractionId: string;
  documentId: string;
  reviewed: boolean;
  unsaved: boolean;
  onReviewed: () => void;
}) {
  const sets = useLoad(() => api.native<{ evaluation_sets: EvaluationSetSummary[] }>('GET', '/evaluation-sets?per_page=100'), [api]);
  const [setId, setSetId] = useState('');
  const [newName, setNewName] = useState('');
  const [state, setState] = useState<{ busy?: boolean; error?: unknown; added?: { id: string; name: string } }>({});

  async function add() {
    setState({ busy: true });
    try {
      let target = (sets.data?.evaluation_sets ?? []).find((s) => s.evaluation_set_id === setId);
      if (!target) target = (await api.native<{ evaluation_set: EvaluationSetSummary }>('POST', '/evaluation-sets', {
          name: newName.trim(),
          parser_id: parserId,
          document_type: parserId ? null : BUILT_IN.has(documentType ?? '') ? documentType : null,
        })).evaluation_set;
      if (!reviewed) {
        await api.native('PUT', `/extractions/${extractionId}/documents/${documentId}/review`, {});
        onReviewed();
      }
      await api.native('POST', `/evaluation-sets/${target.evaluation_set_id}/items`, { document_id: documentId });
      setState({ added: { id: target.evaluation_set_id, name: target.name } });
      sets.reload();
    } catch (error) {
      setState({ error });
    }
  }

  const creating = setId === '';
  return (
    <form
      className="row wrap add-to-set"
      aria-label="Add to evaluation set"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label>
        Evaluation set
        <select name="evaluation-set" value={setId} onChange={(e) => setSetId(e.target.value)}>
          <option value="">New set…</option>
          {(sets.data?.evaluation_sets ?? []).map((s) => (
            <option key={s.evaluation_set_id} value={s.evaluation_set_id}>
              {s.name} ({s.item_count})
            </option>
          ))}
        </select>
      </label>
      {creating ? (
        <label>
          New set name
          <input name="new-set-name" value={newName} onChange={(e) => setNewName(e.target.value)} />
        </label>
      ) : null}
      <button type="submit" className="btn btn-small" disabled={state.busy || unsaved || (creating && !newName.trim())} title={unsaved ? 'Save the review first' : undefined}>
        Add to evaluation set
      </button>
      <span role="status" className="muted">
        {state.added ? (
          <>
            Added to <a href={`#/evaluations/${state.added.id}`}>{state.added.name}</a>; its reviewed values are the expected output.
          </>
        ) : unsaved ? (
          'Save the review first.'
        ) : null}
      </span>
      {state.error ? <ErrorBox error={state.error} /> : null}
    </form>
  );
}
