// Worker threads do not inherit the parent's tsx loader hooks: register them here, then load the
// TypeScript worker body (as parse/pdf-render-worker-entry.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./paddle-worker.ts');
