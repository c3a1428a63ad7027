import type { Config } from '../../config.js';
import type { ExtractionsService } from '../../documents/extractions-service.js';
import type { FilesService } from '../../documents/files-service.js';
import type { ExtractionBatches } from '../../documents/batches.js';
import type { TemplatesService } from '../../templates/templates-service.js';
import type { Webhooks } from '../../webhooks/webhooks.js';
import { ExtractRuns } from './extract-runs.js';
import { Extractors } from './extractors.js';
import { ExtendEvents } from './extend-events.js';
import { EXTEND_EVENT_TYPES, EXTEND_SURFACE, WebhookEndpoints, extendScheme } from './webhooks.js';

/** The Extend surface's adapters, built once at the composition root (the worker needs the listener). */
export interface ExtendSurface {
  runs: ExtractRuns;
  extractors: Extractors;
  webhookEndpoints: WebhookEndpoints;
  /** Sends Extend's webhook events (runs, batches) to Extend webhook endpoints; add it to the document listeners. */
  listener: ExtendEvents;
}

export function createExtendSurface(deps: {
  batches: ExtractionBatches;
  config: Pick<Config, 'host' | 'port' | 'allowPrivateNetwork' | 'maxUploadBytes'>;
  extractions: ExtractionsService;
  files: FilesService;
  templates: TemplatesService;
  webhooks: Webhooks;
}): ExtendSurface {
  const policy = { allowPrivateNetwork: deps.config.allowPrivateNetwork };
  // The core's subscriptions service, told Extend's event names; rows carry surface 'extend'.
  const subscriptions = deps.webhooks.subscriptions.withEventTypes({ [EXTEND_SURFACE]: EXTEND_EVENT_TYPES });
  deps.webhooks.sender.registerScheme(extendScheme);
  const listener = new ExtendEvents({
    subscriptions,
    deliveries: deps.webhooks.deliveries,
    dashboardBase: `http://${deps.config.host}:${deps.config.port}`,
  });
  deps.templates.addListener(listener);
  return {
    runs: new ExtractRuns({ ...deps, policy, maxUploadBytes: deps.config.maxUploadBytes, events: listener }),
    extractors: new Extractors(deps.templates),
    webhookEndpoints: new WebhookEndpoints(subscriptions),
    listener,
  };
}
