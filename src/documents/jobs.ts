import { Type } from 'typebox';
import type { JobDefinition } from '../internal/queue/types.js';
import type { DocumentProcessor } from './document-processor.js';

export const PROCESS_DOCUMENT = 'document.process';

const MAX_ATTEMPTS = 3;

const payloadSchema = Type.Object({ documentId: Type.String() });

/** One queue job per document: run it through the pipeline and record the result. */
export function processDocumentJob(processor: DocumentProcessor): JobDefinition<typeof payloadSchema> {
  return {
    name: PROCESS_DOCUMENT,
    payloadSchema,
    handler: (payload, ctx) => processor.process(payload.documentId, ctx),
    onDead: (payload) => processor.abandon(payload.documentId, MAX_ATTEMPTS),
    maxAttempts: MAX_ATTEMPTS,
    backoffMs: 2000,
  };
}
