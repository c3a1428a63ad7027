import { useEffect, useRef, useState } from 'react';
import type { Api, Citation, FieldResult, NativeDocument, PageSize } from '../api';
import { Empty, ErrorBox, Loading, StatusBadge, useLoad } from './states';
import { AddToEvaluationSet } from './add-to-evaluation-set';

interface Loaded {
  documents: Array<{ document_id: string; filename: string; status: string }>;
  doc: NativeDocument;
  pages: PageSize[];
  matchedName: string | null;
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Turns an edited text back into the field's type (numbers stay numbers; objects and lists are JSON). */
function parseDraft(draft: string, original: unknown): unknown {
  const text = draft.trim();
  if (text === '') return null;
  if (typeof original === 'number') {
    const n = Number(text.replace(/,/g, ''));
    if (Number.isNaN(n)) throw new Error(`"${draft}" is not a number.`);
    return n;
  }
  if (typeof original === 'boolean') return /^(true|yes|1)$/i.test(text);
  if (original !== null && typeof original === 'object') return JSON.parse(text) as unknown;
  return draft;
}

function confidenceTone(c: number): string {
  return c >= 0.85 ? 'high' : c >= 0.5 ? 'medium' : 'low';
}

function PageImage({ api, fileId, page, children }: { api: Api; fileId: string; page: PageSize; children: React.ReactNode }) {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    api.pageImage(fileId, page.page).then(
      (u) => {
        url = u;
        if (live) setSrc(u);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, fileId, page.page]);
  return (
    <figure className="page" data-page={page.page}>
      <div className="page-frame" style={{ aspectRatio: `${page.width} / ${page.height}` }}>
        {src ? <img src={src} alt={`Page ${page.page}`} /> : error ? <ErrorBox error={error} /> : <Loading label={`Rendering page ${page.page}…`} />}
        {children}
      </div>
      <figcaption>Page {page.page}</figcaption>
    </figure>
  );
}

/** A document beside its data: page images with a box over each value's source, confidence, warnings, review. */
export function DocumentView({ api, extractionId, onBack }: { api: Api; extractionId: string; onBack?: () => void }) {
  const [documentId, setDocumentId] = useState<string | null>(null);
  const state = useLoad<Loaded>(async () => {
    const { extraction } = await api.native<{ extraction: { documents: Loaded['documents'] } }>('GET', `/extractions/${extractionId}`);
    const id = documentId ?? extraction.documents[0]?.document_id;
    if (!id) throw new Error('This extraction has no document.');
    const { document: doc } = await api.native<{ document: NativeDocument }>('GET', `/extractions/${extractionId}/documents/${id}`);
    let pages: PageSize[] = [];
    if (doc.file_id) {
      try {
        pages = (await api.native<{ pages: PageSize[] }>('GET', `/files/${doc.file_id}/pages`)).pages;
      } catch {
        pages = []; // a text or Word file has no page images
      }
    }
    // The template the document was matched to, by name (a deleted template shows no name).
    let matchedName: string | null = null;
    if (doc.template_match) {
      try {
        matchedName = (await api.native<{ parser: { name: string } }>('GET', `/parsers/${doc.template_match.template_id}`)).parser.name;
      } catch {
        matchedName = null;
      }
    }
    return { documents: extraction.documents, doc, pages, matchedName };
  }, [api, extractionId, documentId]);
  const [selected, setSelected] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const viewer = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = state.data !== undefined;

  // Keyboard and screen-reader users land on the document's title; Escape goes back.
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  useEffect(() => {
    if (!onBack) return;
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape' && !typing) onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  useEffect(() => {
    if (!selected || !viewer.current) return;
    const box = viewer.current.querySelector<HTMLElement>(`[data-field="${CSS.escape(selected)}"]`);
    box?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);

  if (state.loading && !state.data) return <Loading label="Loading the document…" />;
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  const { doc, pages, documents, matchedName } = state.data!;
  const fields: Record<string, FieldResult> =
    doc.fields ?? Object.fromEntries(Object.entries(doc.data ?? {}).map(([k, v]) => [k, { value: v, confidence: 0, citations: [] }]));
  const names = Object.keys(fields);
  const changed = Object.keys(drafts).filter((k) => drafts[k] !== display(fields[k]?.value));

  async function save() {
    setSaveError(null);
    setSaving('saving');
    try {
      const edits = changed.map((path) => ({ path, value: parseDraft(drafts[path], fields[path]?.value) }));
      await api.native('PUT', `/extractions/${extractionId}/documents/${doc.document_id}/review`, { edits });
      setDrafts({});
      setSaving('saved');
      state.reload();
    } catch (err) {
      setSaveError(err);
      setSaving('idle');
    }
  }

  const boxes = (page: number) =>
    names.flatMap((name) =>
      (fields[name].citations ?? [])
        .filter((c: Citation) => c.page === page && Array.isArray(c.bbox))
        .map((c, i) => ({ name, c, i })),
    );

  return (
    <section className="view document-view" aria-labelledby="doc-title">
      <div className="doc-header">
        {onBack ? (
          <button type="button" className="btn btn-small" onClick={onBack}>
            ← Back
          </button>
        ) : null}
        <h1 id="doc-title" ref={heading} tabIndex={-1}>
          {doc.filename}
        </h1>
        <StatusBadge status={doc.status} />
        {doc.document_type ? <span className="muted">{doc.document_type.replace(/_/g, ' ')}</span> : null}
        {doc.template_match ? (
          <span className="badge" title="Matched to this template automatically (no template was chosen at upload)">
            {matchedName ?? 'template'} · matched
            {doc.template_match.confidence != null ? ` ${Math.round(doc.template_match.confidence * 100)}%` : ''}
          </span>
        ) : null}
        {doc.reviewed ? <span className="badge badge-ok">reviewed</span> : null}
      </div>
      {documents.length > 1 ? (
        <label>
          Document
          <select value={doc.document_id} onChange={(e) => setDocumentId(e.target.value)}>
            {documents.map((d) => (
              <option key={d.document_id} value={d.document_id}>
                {d.filename} ({d.status})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {doc.error ? <ErrorBox error={`${doc.error.code}: ${doc.error.message}`} /> : null}
      {doc.warnings.length > 0 ? (
        <ul className="warnings" aria-label="Warnings">
          {doc.warnings.map((w, i) => (
            <li key={i}>
              <strong>{w.code}</strong> {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="split">
        <div className="pages" ref={viewer} aria-label="Pages">
          {doc.file_id && pages.length > 0 ? (
            pages.map((p) => (
              <PageImage key={p.page} api={api} fileId={doc.file_id!} page={p}>
                {boxes(p.page).map(({ name, c, i }) => (
                  <button
                    type="button"
                    key={`${name}-${i}`}
                    data-field={name}
                    className={`box${selected === name ? ' selected' : ''}`}
                    title={`${name}: ${c.text ?? ''}`}
                    aria-label={`Source of ${name}`}
                    tabIndex={-1}
                    onClick={() => setSelected(name)}
                    style={{
                      left: `${(c.bbox[0] / p.width) * 100}%`,
                      top: `${(c.bbox[1] / p.height) * 100}%`,
                      width: `${((c.bbox[2] - c.bbox[0]) / p.width) * 100}%`,
                      height: `${((c.bbox[3] - c.bbox[1]) / p.height) * 100}%`,
                    }}
                  />
                ))}
              </PageImage>
            ))
          ) : (
            <Empty>No page images for this file.</Empty>
          )}
        </div>
        <form
          className="fields"
          aria-label="Extracted fields"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {names.length === 0 ? <Empty>{doc.status === 'completed' ? 'No fields were extracted.' : 'No data yet.'}</Empty> : null}
          {names.map((name) => {
            const f = fields[name];
            const cited = (f.citations ?? []).length > 0;
            const value = drafts[name] ?? display(f.value);
            const complex = f.value !== null && typeof f.value === 'object';
            return (
              <div key={name} className={`field${selected === name ? ' selected' : ''}`} data-field-row={name}>
                <div className="field-head">
                  <button type="button" className="field-name" aria-pressed={selected === name} onClick={() => setSelected(name)} title={cited ? 'Show its source' : 'No source box'}>
                    {name.replace(/_/g, ' ')}
                  </button>
                  <span className={`confidence confidence-${confidenceTone(f.confidence)}`} title="Confidence">
                    {Math.round(f.confidence * 100)}%
                  </span>
                  {f.edited ? <span className="badge badge-ok">edited</span> : null}
                </div>
                {complex ? (
                  <textarea
                    name={name}
                    aria-label={name}
                    rows={3}
                    value={value}
                    onFocus={() => setSelected(name)}
                    onChange={(e) => setDrafts({ ...drafts, [name]: e.target.value })}
                  />
                ) : (
                  <input
                    name={name}
                    aria-label={name}
                    value={value}
                    onFocus={() => setSelected(name)}
                    onChange={(e) => setDrafts({ ...drafts, [name]: e.target.value })}
                  />
                )}
              </div>
            );
          })}
          {names.length > 0 ? (
            <div className="actions sticky">
              <button type="submit" className="btn btn-primary" disabled={changed.length === 0 || saving === 'saving' || doc.status !== 'completed'}>
                {saving === 'saving' ? 'Saving…' : `Save review${changed.length ? ` (${changed.length})` : ''}`}
              </button>
              <span role="status" className="muted">
                {saving === 'saved' && changed.length === 0 ? 'Review saved; the original output is kept.' : ''}
              </span>
              {saveError ? <ErrorBox error={saveError} /> : null}
            </div>
          ) : null}
        </form>
      </div>
      {doc.status === 'completed' ? (
        <AddToEvaluationSet
          api={api}
          extractionId={extractionId}
          documentId={doc.document_id}
          parserId={doc.parser?.parser_id ?? null}
          documentType={doc.document_type}
          reviewed={doc.reviewed}
          unsaved={changed.length > 0}
          onReviewed={state.reload}
        />
      ) : null}
    </section>
  );
}
