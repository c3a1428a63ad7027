import type { Db } from '../internal/db/database.js';
import type { ExtractionsService } from '../documents/extractions-service.js';
import type { FilesService } from '../documents/files-service.js';
import type { TemplatesService } from '../templates/templates-service.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { EvaluationRunListener } from './evaluation-run-listener.js';
import { EvaluationRunsService } from './evaluation-runs-service.js';
import { EvaluationSetsService } from './evaluation-sets-service.js';

/** The evaluation services the composition root hands to the surfaces, and the listener that scores runs. */
export interface Evaluations {
  sets: EvaluationSetsService;
  runs: EvaluationRunsService;
  listener: EvaluationRunListener;
}

export function createEvaluations(deps: { db: Db; files: FilesService; templates: TemplatesService; extractions: ExtractionsService; webhooks: Webhooks }): Evaluations {
  const sets = new EvaluationSetsService(deps);
  const runs = new EvaluationRunsService({ db: deps.db, sets, extractions: deps.extractions, templates: deps.templates });
  const listener = new EvaluationRunListener({ subscriptions: deps.webhooks.subscriptions, deliveries: deps.webhooks.deliveries });
  return { sets, runs, listener };
}
