import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { registerGetUsage } from './get-usage.js';
import { registerListUsageRecords } from './list-usage-records.js';

/** `GET /usage` and `GET /usage/records`, in an authenticated scope. */
export function registerUsageRoutes(app: App, core: Core): void {
  registerGetUsage(app, core);
  registerListUsageRecords(app, core);
}
