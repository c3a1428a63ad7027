import { useState } from 'react';
import type { Api } from '../api';
import { Empty, ErrorBox, Loading, formatDate, useLoad } from './states';

interface ApiKeyView {
  _id: string;
  name: string;
  key: string;
  isActive: boolean;
  expiresAt: string | null;
  allowedDomains: string[];
  usageCount?: number;
  lastUsedAt?: string | null;
  createdAt?: string;
}

interface WebhookView {
  _id: string;
  name: string;
  url: string;
  scope: string;
  isActive: boolean;
  createdAt?: string;
}

interface DeliveryView {
  delivery_id: string;
  event_type: string;
  status: string;
  attempt_count: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
}

interface UsageView {
  totals: { documents: number; completed: number; failed: number; pages: number; credits: number };
  by_day: Array<{ date: string; documents: number; pages: number; credits: number }>;
}

const splitDomains = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);

function Deliveries({ api, webhookId }: { api: Api; webhookId: string }) {
  const list = useLoad(() => api.native<{ deliveries: DeliveryView[] }>('GET', `/webhooks/deliveries?webhook_id=${encodeURIComponent(webhookId)}&per_page=20`), [api, webhookId]);
  const [error, setError] = useState<unknown>(null);
  if (list.loading && !list.data) return <Loading label="Loading deliveries…" />;
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const rows = list.data!.deliveries;
  const refresh = (
    <button type="button" className="btn btn-small" onClick={list.reload}>
      Refresh
    </button>
  );
  if (rows.length === 0) return <Empty>No deliveries yet. {refresh}</Empty>;
  return (
    <div className="table-wrap deliveries">
      {error ? <ErrorBox error={error} /> : null}
      <div className="actions deliveries-head">
        <strong>Deliveries</strong> {refresh}
      </div>
      <table className="table small">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Response</th>
            <th scope="col" className="hide-narrow">When</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.delivery_id} data-delivery-status={d.status}>
              <td>{d.event_type}</td>
              <td>{d.status}</td>
              <td>{d.last_status_code ?? d.last_error ?? '—'}</td>
              <td className="hide-narrow">{formatDate(d.created_at)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() =>
                    api.native('POST', `/webhooks/deliveries/${d.delivery_id}/redeliver`).then(list.reload, (e: unknown) => setError(e))
                  }
                >
                  Resend
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Webhooks({ api }: { api: Api }) {
  const list = useLoad(() => api.embed<WebhookView[]>('GET', '/webhooks'), [api]);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        list.reload();
      },
      (e: unknown) => setError(e),
    );
  return (
    <div>
      <form
        className="card row wrap"
        aria-label="New webhook"
        onSubmit={(e) => {
          e.preventDefault();
          void run(api.embed('POST', '/webhooks', { name, url, scope: 'all', documentIds: [] }).then(() => { setName(''); setUrl(''); }));
        }}
      >
        <label className="grow">
          Name
          <input name="webhook-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="grow">
          URL
          <input name="webhook-url" type="url" required placeholder="https://example.com/hook" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary">
          Add webhook
        </button>
      </form>
      {error ? <ErrorBox error={error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data!.length === 0 ? (
        <Empty>No webhooks. Add one to be told when an extraction completes.</Empty>
      ) : (
        <ul className="cards">
          {list.data!.map((w) => (
            <li key={w._id} className="card">
              <h3>{w.name}</h3>
              <p className="muted break">{w.url}</p>
              <p className="muted small">
                {w.isActive ? 'Active' : 'Paused'} · scope {w.scope}
              </p>
              <div className="actions">
                <button type="button" className="btn btn-small" aria-expanded={open === w._id} onClick={() => setOpen(open === w._id ? null : w._id)}>
                  Delivery log
                </button>
                <button type="button" className="btn btn-small" onClick={() => void run(api.embed('PUT', `/webhooks/${w._id}`, { isActive: !w.isActive }))}>
                  {w.isActive ? 'Pause' : 'Activate'}
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => void run(api.embed('DELETE', `/webhooks/${w._id}`))}>
                  Delete
                </button>
              </div>
              {open === w._id ? <Deliveries api={api} webhookId={w._id} /> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ApiKeys({ api }: { api: Api }) {
  const list = useLoad(() => api.embed<ApiKeyView[]>('GET', '/api-keys'), [api]);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [domains, setDomains] = useState('');
  const [created, setCreated] = useState<ApiKeyView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; domains: string } | null>(null);
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        list.reload();
      },
      (e: unknown) => setError(e),
    );

  async function create(e: React.FormEvent) {
    e.preventDefault();
    try {
      const key = await api.embed<ApiKeyView>('POST', '/api-keys', {
        name,
        // No expiry: leave expiresAt out (the embed API refuses an explicit null on create).
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() } : {}),
        allowedDomains: splitDomains(domains),
      });
      setCreated(key);
      setName('');
      setExpires('');
      setDomains('');
      setError(null);
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div>
      <form className="card" aria-label="New API key" onSubmit={create}>
        <div className="row wrap">
          <label className="grow">
            Name
            <input name="key-name" required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Expires
            <input name="key-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
        </div>
        <label>
          Allowed domains <span className="muted">(for iframes; comma-separated, e.g. app.example.com, *.example.com)</span>
          <input name="key-domains" value={domains} onChange={(e) => setDomains(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary">
          Create API key
        </button>
      </form>
      {created ? (
        <div className="callout" role="status">
          <p>
            <strong>Copy the key “{created.name}” now:</strong> it is shown only once.
          </p>
          <code className="secret" data-testid="new-key">
            {created.key}
          </code>
          <div className="actions">
            <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(created.key)}>
              Copy
            </button>
            <button type="button" className="btn btn-small" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data!.length === 0 ? (
        <Empty>No API keys.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">State</th>
                <th scope="col" className="hide-narrow">Expires</th>
                <th scope="col" className="hide-narrow">Allowed domains</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data!.map((k) => (
                <tr key={k._id} data-key-name={k.name}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.key}</code>
                  </td>
                  <td>{k.isActive ? 'active' : 'inactive'}</td>
                  <td className="hide-narrow">{k.expiresAt ? formatDate(k.expiresAt) : 'never'}</td>
                  <td className="hide-narrow">
                    {editing?.id === k._id ? (
                      <form
                        className="row"
                        aria-label={`Allowed domains of ${k.name}`}
                        onSubmit={(e) => {
                          e.preventDefault();
                          void run(api.embed('PUT', `/api-keys/${k._id}`, { allowedDomains: splitDomains(editing.domains) })).then(() => setEditing(null));
                        }}
                      >
                        <input
                          name="edit-domains"
                          aria-label="Allowed domains"
                          autoFocus
                          value={editing.domains}
                          onChange={(e) => setEditing({ id: k._id, domains: e.target.value })}
                          onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                        />
                        <button type="submit" className="btn btn-small">
                          Save
                        </button>
                      </form>
                    ) : (
                      <button type="button" className="link" title="Edit the allowed domains" onClick={() => setEditing({ id: k._id, domains: k.allowedDomains.join(', ') })}>
                        {k.allowedDomains.length ? k.allowedDomains.join(', ') : 'any'}
                      </button>
                    )}
                  </td>
                  <td className="actions">
                    <button type="button" className="btn btn-small" onClick={() => void run(api.embed('PUT', `/api-keys/${k._id}`, { isActive: !k.isActive }))}>
                      {k.isActive ? 'Deactivate' : 'Activate'}
                    </button>
                    {confirming === k._id ? (
                      <button type="button" className="btn btn-small btn-danger" onClick={() => void run(api.embed('DELETE', `/api-keys/${k._id}`)).then(() => setConfirming(null))}>
                        Confirm delete
                      </button>
                    ) : (
                      <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirming(k._id)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Usage({ api }: { api: Api }) {
  const usage = useLoad(() => api.native<{ usage: UsageView }>('GET', '/usage'), [api]);
  if (usage.loading && !usage.data) return <Loading />;
  if (usage.error) return <ErrorBox error={usage.error} onRetry={usage.reload} />;
  const { totals, by_day } = usage.data!.usage;
  return (
    <div>
      <dl className="stats">
        {(['documents', 'completed', 'failed', 'pages', 'credits'] as const).map((k) => (
          <div key={k} className="stat">
            <dt>{k}</dt>
            <dd>{totals[k]}</dd>
          </div>
        ))}
      </dl>
      {by_day.length === 0 ? (
        <Empty>No documents processed yet.</Empty>
      ) : (
        <table className="table small">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Documents</th>
              <th scope="col">Pages</th>
              <th scope="col">Credits</th>
            </tr>
          </thead>
          <tbody>
            {by_day.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.documents}</td>
                <td>{d.pages}</td>
                <td>{d.credits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const TABS = [
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'api-keys', label: 'API keys' },
  { id: 'usage', label: 'Usage' },
] as const;

/** `/embed/settings`: webhooks with their delivery log, API keys, usage. */
export function SettingsView({ api }: { api: Api }) {
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('webhooks');
  return (
    <section className="view" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <div className="tabs" role="tablist" aria-label="Settings">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'webhooks' ? <Webhooks api={api} /> : tab === 'api-keys' ? <ApiKeys api={api} /> : <Usage api={api} />}
      </div>
    </section>
  );
}
