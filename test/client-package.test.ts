import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** What the README promises right after `npm ci`, checked as a user's own script would see it. */
describe('the workspace after npm ci', () => {
  it("resolves @docsift/client by name to its built JavaScript (packages/client's prepare builds dist/)", async () => {
    // A plain Node ESM script in the repository (no tsx): only dist/ can answer it.
    const script = "const m = await import('@docsift/client'); console.log(typeof m.DocsiftClient, typeof m.verifyWebhookSignature, import.meta.resolve('@docsift/client'));";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT }).catch((err: Error) => {
      throw new Error(`@docsift/client did not load (npm ci runs its prepare build; npm run build:client does it by hand): ${err.message}`);
    });
    const [client, verify, url] = stdout.trim().split(' ');
    expect([client, verify]).toEqual(['function', 'function']);
    expect(url).toMatch(/\/packages\/client\/dist\/index\.js$/);
    expect(fs.existsSync(path.join(ROOT, 'packages/client/dist/index.d.ts'))).toBe(true);
  });

  it('`npm link` puts a working `docsift` on PATH', async () => {
    // A throwaway global prefix, so the machine's own global packages are left alone.
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-npm-link-'));
    dirs.push(prefix);
    const env = { ...process.env, npm_config_prefix: prefix, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    await run('npm', ['link', '--offline'], { cwd: ROOT, env });
    const bin = path.join(prefix, 'bin');
    const { stdout } = await run('docsift', ['--help'], { cwd: prefix, env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    expect(stdout).toMatch(/^usage: docsift <command>/);
    expect(stdout).toMatch(/^ {2}6 {2}not found /m);
  }, 120_000);
});
