import type { Config } from '../../config.js';
import type { ExtractionsService } from '../../documents/extractions-service.js';
import type { FilesService } from '../../documents/files-service.js';
import type { TemplatesService } from '../../templates/templates-service.js';
import type { Webhooks } from '../../webhooks/webhooks.js';
import { EmbedExtractions } from './extractions.js';
import { EmbedFiles } from './files.js';
import { EMBED_EVENT_TYPES, EMBED_SURFACE, EmbedWebhookListener, EmbedWebhooks } from './webhooks.js';

/** The Extractor embed surface's adapters over the core services. */
export interface EmbedSurface {
  extractions: EmbedExtractions;
  files: EmbedFiles;
  webhooks: EmbedWebhooks;
  /** Sends extraction.completed|failed to embed webhooks; add it to the document listeners. */
  listener: EmbedWebhookListener;
}

export function createEmbedSurface(deps: {
  config: Pick<Config, 'host' | 'port'>;
  extractions: ExtractionsService;
  files: FilesService;
  templates: TemplatesService;
  webhooks: Webhooks;
}): EmbedSurface {
  // The core's subscriptions service, told the embed event names; rows carry surface 'embed'.
  const subscriptions = deps.webhooks.subscriptions.withEventTypes({ [EMBED_SURFACE]: EMBED_EVENT_TYPES });
  return {
    extractions: new EmbedExtractions(deps),
    files: new EmbedFiles(deps),
    webhooks: new EmbedWebhooks(subscriptions),
    listener: new EmbedWebhookListener({
      subscriptions,
      deliveries: deps.webhooks.deliveries,
      baseUrl: `http://${deps.config.host}:${deps.config.port}`,
    }),
  };
}
