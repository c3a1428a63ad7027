import { Type } from 'typebox';
import type { JobDefinition } from '../internal/queue/types.js';
import type { DocumentProcessor } from './document-processor.js';

export const PROCESS_DOCUMENT = 'document.process';

const payloadSchema = Type.Object({ documentId: Type.String() });

/** One queue job per document: run it through the pipeline and record the result. */
export function processDocumentJob(processor: DocumentProcessor): JobDefinition<typeof payloadSchema> {
  return {
    name: PROCESS_DOCUMENT,
    payloadSchema,
    handler: (payload, ctx) => processor.process(payload.documentId, ctx),
    maxAttempts: 3,
    backoffMs: 2000,
  };
}
