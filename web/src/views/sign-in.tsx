import { useState } from 'react';
import { Api, type Session } from '../api';
import { ErrorBox } from './states';

interface UserView {
  email: string;
  role: string;
}

/** Signs in with an API key; without an email, acts as the tenant's owner (or its first user). */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [apiKey, setApiKey] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const probe = new Api({ apiKey: apiKey.trim(), userEmail: '', appName: 'dashboard' });
      let userEmail = email.trim();
      if (!userEmail) {
        const { users } = await probe.native<{ users: UserView[] }>('GET', '/users?per_page=100');
        const user = users.find((u) => u.role === 'owner') ?? users[0];
        if (!user) throw new Error('This tenant has no user; give an email.');
        userEmail = user.email;
      }
      const session = { apiKey: apiKey.trim(), userEmail, appName: 'dashboard' };
      await new Api(session).embed('GET', '/verify');
      onSignedIn(session);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to docsift</h1>
        <p className="muted">Use an API key of your tenant. It stays in this browser tab only.</p>
        <label>
          API key
          <input name="apiKey" type="password" autoComplete="off" required value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
        </label>
        <label>
          Email <span className="muted">(optional: defaults to the owner)</span>
          <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        {error ? <ErrorBox error={error} /> : null}
        <button type="submit" className="btn btn-primary" disabled={busy || !apiKey.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
