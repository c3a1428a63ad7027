// Worker threads do not inherit the parent's tsx loader hooks: register them here, then load the
// TypeScript worker body. (docsift runs TypeScript through tsx; see package.json "start".)
import { register } from 'tsx/esm/api';

register();
await import('./pdf-render-worker.ts');
