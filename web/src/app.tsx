import { useEffect, useMemo, useState } from 'react';
import { Api, type Session } from './api';
import { ExtractionsView } from './views/extractions-view';
import { SettingsView } from './views/settings-view';
import { SignIn } from './views/sign-in';
import { TemplatesView } from './views/templates-view';
import { UploadView } from './views/upload-view';
import { EvaluationSetView } from './views/evaluation-set-view';
import { EvaluationsView } from './views/evaluations-view';
import { ErrorBox } from './views/states';

type Page = 'upload' | 'extractions' | 'documents' | 'evaluations' | 'settings';

const PAGES: Array<{ page: Page; label: string; embedPath: string }> = [
  { page: 'upload', label: 'Upload', embedPath: '/embed' },
  { page: 'extractions', label: 'Extractions', embedPath: '/embed/extractions' },
  { page: 'documents', label: 'Templates', embedPath: '/embed/documents' },
  { page: 'settings', label: 'Settings', embedPath: '/embed/settings' },
];
/** Dashboard-only pages (no embed path). */
const DASHBOARD_PAGES: Array<{ page: Page; label: string }> = [{ page: 'evaluations', label: 'Evaluations' }];

const SESSION_KEY = 'docsift.session';

function embedPage(pathname: string): Page | null {
  const found = PAGES.find((p) => p.embedPath === pathname.replace(/\/+$/, '') || (p.page === 'upload' && pathname === '/embed/'));
  return found ? found.page : null;
}

function PageView({ page, api, arg }: { page: Page; api: Api; arg?: string }) {
  switch (page) {
    case 'evaluations':
      return arg ? <EvaluationSetView api={api} setId={arg} /> : <EvaluationsView api={api} />;
    case 'upload':
      return <UploadView api={api} />;
    case 'extractions':
      return <ExtractionsView api={api} />;
    case 'documents':
      return <TemplatesView api={api} />;
    case 'settings':
      return <SettingsView api={api} />;
  }
}

/** An embed page: one view, authenticated by `?apiKey=&userEmail=&appName=`. */
function EmbedApp({ page }: { page: Page }) {
  const session = useMemo<Session | null>(() => {
    const q = new URLSearchParams(window.location.search);
    const apiKey = q.get('apiKey');
    if (!apiKey) return null;
    return { apiKey, userEmail: q.get('userEmail') ?? '', appName: q.get('appName') };
  }, []);
  if (!session) {
    return (
      <main className="embed">
        <ErrorBox error="This page needs ?apiKey=…&userEmail=… in its URL." />
      </main>
    );
  }
  return (
    <main className="embed">
      <PageView page={page} api={new Api(session)} />
    </main>
  );
}

function readSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** `#/extractions`, or `#/evaluations/<set id>` for a page with an argument. */
function hashPage(): { page: Page; arg?: string } {
  const [name, arg] = window.location.hash.replace(/^#\/?/, '').split('/');
  const known = [...PAGES, ...DASHBOARD_PAGES].some((p) => p.page === name);
  return known ? { page: name as Page, arg: arg ? decodeURIComponent(arg) : undefined } : { page: 'upload' };
}

/** The dashboard at `/`: the same views, for a user signed in with an API key (kept in sessionStorage). */
function Dashboard() {
  const [session, setSession] = useState<Session | null>(readSession);
  const [{ page, arg }, setPage] = useState(hashPage);
  useEffect(() => {
    const onHash = () => setPage(hashPage());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const api = useMemo(() => (session ? new Api(session) : null), [session]);
  if (!api || !session) {
    return (
      <SignIn
        onSignedIn={(s) => {
          sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
          setSession(s);
        }}
      />
    );
  }
  return (
    <div className="dashboard">
      <header className="topbar">
        <span className="brand">docsift</span>
        <nav aria-label="Main">
          {[...PAGES.slice(0, 3), ...DASHBOARD_PAGES, ...PAGES.slice(3)].map((p) => (
            <a key={p.page} href={`#/${p.page}`} aria-current={p.page === page ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <span className="who" title={session.userEmail}>
          {session.userEmail}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            sessionStorage.removeItem(SESSION_KEY);
            setSession(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main className="content">
        <PageView key={`${page}/${arg ?? ''}`} page={page} api={api} arg={arg} />
      </main>
    </div>
  );
}

export function App() {
  const page = embedPage(window.location.pathname);
  if (window.location.pathname.startsWith('/embed')) return <EmbedApp page={page ?? 'upload'} />;
  return <Dashboard />;
}
