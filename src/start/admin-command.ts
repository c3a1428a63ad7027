import { parseArgs } from 'node:util';
import { EXIT, UsageError, type Command } from '../../packages/cli/src/index.js';

/**
 * `docsift admin create-key`: the operator's way back in when a tenant's owner keys are all lost or
 * disabled. It calls the running server's setup-key route, so the key is made by the same code path
 * (and audit) as every other key; the setup key is DOCSIFT_SETUP_KEY's value.
 */
export const admin: Command = {
  summary: "operator commands (X-Setup-Key): create-key mints an API key for a tenant's owner",
  usage: 'docsift admin create-key --tenant TENANT_ID [--setup-key KEY (or DOCSIFT_SETUP_KEY)] [--email OWNER_EMAIL] [--name NAME] [--url URL] [--json]',
  async run({ argv, env, io }) {
    let values: Record<string, string | boolean | undefined>;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        options: { tenant: { type: 'string' }, 'setup-key': { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, json: { type: 'boolean', default: false } },
        allowPositionals: true,
        strict: true,
      }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (positionals[0] !== 'create-key') throw new UsageError('the only admin command is create-key');
    const tenant = values.tenant as string | undefined;
    const setupKey = (values['setup-key'] as string | undefined) ?? env.DOCSIFT_SETUP_KEY;
    if (!tenant) throw new UsageError('missing --tenant');
    if (!setupKey) throw new UsageError('missing --setup-key (or DOCSIFT_SETUP_KEY)');
    const base = ((values.url as string | undefined) ?? env.DOCSIFT_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
    let res: Response;
    try {
      res = await fetch(`${base}/v1/admin/tenants/${encodeURIComponent(tenant)}/api-keys`, {
        method: 'POST',
        headers: { 'x-setup-key': setupKey, 'content-type': 'application/json' },
        body: JSON.stringify({ ...(values.email ? { email: values.email } : {}), ...(values.name ? { name: values.name } : {}) }),
      });
    } catch (err) {
      io.stderr(`docsift admin: ${base} did not answer (${(err as Error).message})`);
      return EXIT.NETWORK;
    }
    const body = (await res.json().catch(() => ({}))) as { api_key?: { api_key_id: string; key: string }; error?: { code?: string; message?: string } };
    if (!res.ok || !body.api_key) {
      io.stderr(`docsift admin: ${body.error?.code ?? 'ERROR'} (HTTP ${res.status}): ${body.error?.message ?? 'unexpected answer'}`);
      return EXIT.API;
    }
    io.stdout(values.json ? JSON.stringify(body.api_key, null, 2) : `created ${body.api_key.api_key_id} for tenant ${tenant}; the key is shown only now:\n${body.api_key.key}`);
    return EXIT.OK;
  },
};
