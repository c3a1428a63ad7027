// `prepare` (run by `npm ci` / `npm install` in the docsift workspace, and before `npm pack`): builds
// dist/ so that `import { DocsiftClient } from '@docsift/client'` works right after install, as the
// published package does. Without TypeScript (`npm ci --omit=dev`, as the Dockerfile does) there is
// nothing to build with and nothing on the server needs the client, so it only says so.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.log('@docsift/client: TypeScript is not installed (npm ci --omit=dev?); dist/ not built (npm run build:client builds it)');
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
