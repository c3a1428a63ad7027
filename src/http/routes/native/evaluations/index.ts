import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { registerItemRoutes } from './items.js';
import { registerRunRoutes } from './runs.js';
import { registerSetRoutes } from './sets.js';

/** Evaluation sets, their items and runs. Registered inside the authenticated /v1 scope. */
export function registerEvaluationRoutes(app: App, core: Core): void {
  registerSetRoutes(app, core);
  registerItemRoutes(app, core);
  registerRunRoutes(app, core);
}
