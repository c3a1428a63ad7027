import { useState } from 'react';
import { templateId, type Api, type Template, type TemplateField } from '../api';
import { Empty, ErrorBox, Loading, formatDate, useLoad } from './states';

const TYPES = ['String', 'Number', 'Boolean', 'Date', 'Object', 'List<String>', 'List<Object>'];
const hasChildren = (type: string) => type === 'Object' || type === 'List<Object>';

let nextId = 0;
const newField = (): TemplateField => ({ id: `f${Date.now()}${nextId++}`, key: '', type: 'String', description: '' });

/** Edits a list of typed fields; Object and List<Object> fields hold their own list (nested to any depth). */
function FieldsEditor({ fields, onChange, depth, label }: { fields: TemplateField[]; onChange: (f: TemplateField[]) => void; depth: number; label: string }) {
  const set = (i: number, patch: Partial<TemplateField>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className={`fields-editor depth-${depth}`}>
      <legend>{label}</legend>
      {fields.length === 0 ? <p className="muted">No fields yet.</p> : null}
      {fields.map((f, i) => (
        <div key={f.id ?? i} className="field-def">
          <div className="row">
            <label className="grow">
              Key
              <input name="field-key" required pattern="[A-Za-z_][A-Za-z0-9_]*" value={f.key} onChange={(e) => set(i, { key: e.target.value })} />
            </label>
            <label>
              Type
              <select
                name="field-type"
                value={f.type}
                onChange={(e) => set(i, { type: e.target.value, children: hasChildren(e.target.value) ? (f.children ?? []) : undefined })}
              >
                {TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <button type="button" className="btn btn-small btn-danger" aria-label={`Remove field ${f.key || i + 1}`} onClick={() => onChange(fields.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
          <label>
            Description
            <input name="field-description" required value={f.description} onChange={(e) => set(i, { description: e.target.value })} />
          </label>
          {hasChildren(f.type) ? (
            <FieldsEditor fields={f.children ?? []} onChange={(children) => set(i, { children })} depth={depth + 1} label={`Fields of ${f.key || 'this field'}`} />
          ) : null}
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...fields, newField()])}>
        + Add field
      </button>
    </fieldset>
  );
}

function TemplateEditor({ api, initial, onDone }: { api: Api; initial: Template | null; onDone: () => void }) {
  const [draft, setDraft] = useState<Template>(initial ?? { name: '', description: '', fields: [newField()] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { name: draft.name, description: draft.description, fields: draft.fields };
      if (initial) await api.embed('PUT', `/documents/${templateId(initial)}`, body);
      else await api.embed('POST', '/documents', body);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card editor" onSubmit={submit} aria-label={initial ? `Edit ${initial.name}` : 'New template'}>
      <h2>{initial ? `Edit ${initial.name}` : 'New template'}</h2>
      <label>
        Name
        <input name="name" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <label>
        Description
        <input name="description" value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
      </label>
      <FieldsEditor fields={draft.fields} onChange={(fields) => setDraft({ ...draft, fields })} depth={0} label="Fields" />
      {error ? <ErrorBox error={error} /> : null}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save template'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** `/embed/documents`: document templates — list, create, edit, delete. */
export function TemplatesView({ api }: { api: Api }) {
  const list = useLoad(() => api.embed<{ items: Template[] }>('GET', '/documents?limit=100'), [api]);
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (editing) {
    return (
      <section className="view">
        <TemplateEditor
          api={api}
          initial={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            list.reload();
          }}
        />
      </section>
    );
  }

  async function remove(t: Template) {
    setError(null);
    try {
      await api.embed('DELETE', `/documents/${templateId(t)}`);
      setConfirming(null);
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="view" aria-labelledby="templates-title">
      <div className="view-head">
        <h1 id="templates-title">Document templates</h1>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          New template
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data!.items.length === 0 ? (
        <Empty>No templates yet. Without one, documents are read as invoices, receipts or bank statements automatically.</Empty>
      ) : (
        <ul className="cards">
          {list.data!.items.map((t) => (
            <li key={templateId(t)} className="card" data-template={t.name}>
              <h2>{t.name}</h2>
              {t.description ? <p className="muted">{t.description}</p> : null}
              <p className="muted">
                {t.fields.length} field{t.fields.length === 1 ? '' : 's'}: {t.fields.map((f) => `${f.key} (${f.type})`).join(', ')}
              </p>
              <p className="muted small">Created {formatDate(t.createdAt)}</p>
              <div className="actions">
                <button type="button" className="btn btn-small" onClick={() => setEditing(t)}>
                  Edit
                </button>
                {confirming === templateId(t) ? (
                  <>
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(t)}>
                      Confirm delete
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </>
                ) : (
                  <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirming(templateId(t))}>
                    Delete
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
