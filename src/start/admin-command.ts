import { parseArgs } from 'node:util';
import { DocsiftClient } from '../../packages/client/src/index.js';
import { EXIT, UsageError, type Command } from '../../packages/cli/src/index.js';

/**
 * `docsift admin create-key`: the operator's way back in when a tenant's owner keys are all lost or
 * disabled. It calls the running server's setup-key route (`POST /v1/admin/tenants/:id/api-keys`),
 * so the key is made like every other key; the setup key is DOCSIFT_SETUP_KEY's value. API and
 * network errors reach the dispatcher, which maps them to exit codes 2 and 4.
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
    const client = new DocsiftClient({ baseUrl: (values.url as string | undefined) ?? env.DOCSIFT_URL ?? 'http://127.0.0.1:8080', setupKey });
    const key = await client.admin.createOwnerKey(tenant, {
      ...(values.email ? { email: values.email as string } : {}),
      ...(values.name ? { name: values.name as string } : {}),
    });
    io.stdout(values.json ? JSON.stringify(key, null, 2) : `created ${key.api_key_id} for tenant ${tenant}; the key is shown only now:\n${key.key}`);
    return EXIT.OK;
  },
};
