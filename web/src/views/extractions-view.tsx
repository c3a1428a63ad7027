import { useEffect, useState } from 'react';
import { notifyParent, templateId, type Api, type ExtractionSummary, type Pagination, type Template } from '../api';
import { DocumentView } from './document-view';
import { Empty, ErrorBox, Loading, StatusBadge, formatDate, useLoad } from './states';

const STATUSES = ['uploaded', 'analyzing', 'analyzed', 'extracting', 'completed', 'analysis failed', 'extraction failed', 'failed'];
const LIMIT = 10;

/** `/embed/extractions`: tabs by template, search by file name, status filter, pages; a row opens the document. */
export function ExtractionsView({ api }: { api: Api }) {
  const templates = useLoad(() => api.embed<{ items: Template[] }>('GET', '/documents?limit=100'), [api]);
  const [tab, setTab] = useState('');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  useEffect(() => {
    const t = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);
  useEffect(() => setPage(1), [tab, query, status]);

  const list = useLoad(() => {
    const q = new URLSearchParams({ page: String(page), limit: String(LIMIT) });
    if (tab) q.set('documentId', tab);
    if (query) q.set('search', query);
    if (status) q.set('status', status);
    return api.embed<{ items: ExtractionSummary[]; pagination: Pagination }>('GET', `/extractions?${q}`);
  }, [api, tab, query, status, page]);

  useEffect(() => {
    if (open) void api.embed('GET', `/extractions/${open}`).then((d) => notifyParent('extraction-selected', d), () => undefined);
  }, [api, open]);

  if (open) return <DocumentView api={api} extractionId={open} onBack={() => { setOpen(null); list.reload(); }} />;

  async function act(id: string, action: 'retry' | 'delete') {
    setBusy(id);
    setActionError(null);
    try {
      if (action === 'retry') await api.embed('POST', `/extractions/${id}/retry`);
      else await api.embed('DELETE', `/extractions/${id}`);
      list.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  }

  const tabs = [{ id: '', name: 'All' }, ...(templates.data?.items ?? []).map((t) => ({ id: templateId(t), name: t.name }))];
  const p = list.data?.pagination;
  return (
    <section className="view" aria-labelledby="extractions-title">
      <h1 id="extractions-title">Extractions</h1>
      <div className="tabs" role="tablist" aria-label="Templates">
        {tabs.map((t) => (
          <button key={t.id || 'all'} type="button" role="tab" aria-selected={tab === t.id} className="tab" onClick={() => setTab(t.id)}>
            {t.name}
          </button>
        ))}
      </div>
      <div className="row filters">
        <label className="grow">
          Search
          <input type="search" name="search" placeholder="File name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          Status
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {actionError ? <ErrorBox error={actionError} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data!.items.length === 0 ? (
        <Empty>{query || status || tab ? 'No extraction matches these filters.' : 'No extractions yet: upload a document to start.'}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Template</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data!.items.map((x) => (
                <tr key={x.id} data-extraction={x.id}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpen(x.id)}>
                      {x.fileName ?? x.id}
                    </button>
                  </td>
                  <td>{x.documentName ?? <span className="muted">automatic</span>}</td>
                  <td>
                    <StatusBadge status={x.status} />
                  </td>
                  <td className="hide-narrow">{formatDate(x.createdAt)}</td>
                  <td className="actions">
                    {/fail/.test(x.status) ? (
                      <button type="button" className="btn btn-small" disabled={busy === x.id} onClick={() => void act(x.id, 'retry')}>
                        Retry
                      </button>
                    ) : null}
                    <button type="button" className="btn btn-small btn-danger" disabled={busy === x.id} onClick={() => void act(x.id, 'delete')} aria-label={`Delete ${x.fileName ?? x.id}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p && p.totalPages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="btn btn-small" disabled={!p.hasPrevPage} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {p.page} of {p.totalPages} ({p.totalCount})
          </span>
          <button type="button" className="btn btn-small" disabled={!p.hasNextPage} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
