import { Type, type Static } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import type { SubmitInput } from '../../../../documents/submit-input.js';
import { extractionView } from '../../../../documents/result-view.js';
import { formJson, formValue, readMultipart } from '../../../multipart.js';
import { errors } from '../../../../internal/errors/errors.js';
import { ErrorResponse, ExtractionView } from '../schemas.js';

const JsonBody = Type.Object(
  {
    file_ids: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
    urls: Type.Optional(Type.Array(Type.String({ description: 'http(s) URL of a document to download' }), { maxItems: 100 })),
    text: Type.Optional(Type.String({ maxLength: 5_000_000 })),
    parser_id: Type.Optional(Type.String()),
    parser_version: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.String()])),
    detection_type: Type.Optional(Type.String()),
    custom_fields: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Object({ name: Type.String() })]))),
    webhook_url: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    page_ranges: Type.Optional(Type.String()),
    priority: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    extraction_mode: Type.Optional(
      Type.String({ enum: ['local', 'llm', 'hybrid'], description: 'local: the built-in engine; llm: the configured LLM; hybrid: the engine first, the LLM filling missing or doubtful fields. Default DOCSIFT_LLM_MODE.' }),
    ),
  },
  { additionalProperties: false },
);

function fromJson(body: Static<typeof JsonBody>): SubmitInput {
  return {
    fileIds: body.file_ids,
    urls: body.urls,
    text: body.text,
    parserId: body.parser_id,
    parserVersion: body.parser_version,
    detectionType: body.detection_type,
    customFields: body.custom_fields,
    webhookUrl: body.webhook_url,
    metadata: body.metadata,
    pageRanges: body.page_ranges,
    priority: body.priority,
    extractionMode: body.extraction_mode,
  };
}

function parsePriority(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw errors.fieldInvalid('priority', 'priority must be an integer from 1 to 100.');
  return n;
}

export function registerSubmitExtraction(app: App, core: Core): void {
  app.post(
    '/extractions',
    {
      schema: {
        summary: 'Submit one or more documents for extraction (multipart `file`/`files`, or JSON with file_ids or text).',
        tags: ['extractions'],
        consumes: ['multipart/form-data', 'application/json'],
        body: { content: { 'application/json': { schema: JsonBody } } },
        response: { 202: Type.Object({ extraction: ExtractionView }), 400: ErrorResponse, 404: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      let input: SubmitInput;
      if (request.isMultipart()) {
        const form = await readMultipart(request, ['file', 'files', 'files[]', 'document']);
        input = {
          files: form.files,
          fileIds: form.fields.file_ids ?? form.fields['file_ids[]'],
          urls: form.fields.urls ?? form.fields['urls[]'],
          text: formValue(form, 'text'),
          parserId: formValue(form, 'parser_id'),
          parserVersion: formValue(form, 'parser_version'),
          detectionType: formValue(form, 'detection_type'),
          customFields: formJson(form, 'custom_fields'),
          webhookUrl: formValue(form, 'webhook_url'),
          metadata: formJson(form, 'metadata'),
          pageRanges: formValue(form, 'page_ranges'),
          priority: parsePriority(formValue(form, 'priority')),
          extractionMode: formValue(form, 'extraction_mode'),
        };
      } else {
        if (request.body === undefined || request.body === null) {
          throw errors.validation('Send multipart/form-data with a file, or a JSON body.', { body: ['The request body is required.'] });
        }
        input = fromJson(request.body as Static<typeof JsonBody>);
      }
      const { extraction, documents } = await core.extractions.submit(request.auth, input);
      return reply.status(202).send({ extraction: extractionView(extraction, documents) });
    },
  );
}
