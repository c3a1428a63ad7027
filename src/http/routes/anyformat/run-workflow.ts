import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { errors } from '../../../internal/errors/errors.js';
import { readMultipart } from '../../multipart.js';
import { jobView } from '../../../surfaces/anyformat/views.js';
import { AnyformatError, IdParams, Job } from './schemas.js';

const FILE_FIELDS = ['file', 'document'];

/** The workflow first (404 for another tenant's or a missing one), then the body. */
async function readOneFile(request: FastifyRequest) {
  const form = await readMultipart(request, FILE_FIELDS);
  if (form.files.length !== 1) {
    throw errors.validation(form.files.length === 0 ? 'No file was submitted.' : 'Send exactly one file.', { file: ['Send exactly one file in the "file" field.'] });
  }
  return form.files[0]!;
}

export function registerRunWorkflow(app: App, core: Core): void {
  app.post(
    '/workflows/:id/run/',
    {
      config: { rateLimit: 'submit' },
      schema: {
        summary: 'anyformat: run the workflow on a file (multipart `file`); answers the job with its extraction_id.',
        tags: ['anyformat'],
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Job, 400: AnyformatError, 401: AnyformatError, 404: AnyformatError, 413: AnyformatError, 415: AnyformatError, 429: AnyformatError },
      },
    },
    async (request, reply) => {
      const tenantId = request.auth.tenantId;
      const workflow = await core.templates.get(tenantId, request.params.id);
      const file = await readOneFile(request);
      const { extraction, documents } = await core.extractions.submit(request.auth, { files: [file], parserId: workflow.id });
      return reply.status(201).send(jobView(extraction, documents));
    },
  );

  app.post(
    '/workflows/:id/upload/',
    {
      schema: {
        summary: 'anyformat: upload a file for the workflow without running an extraction.',
        tags: ['anyformat'],
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: {
          201: Type.Object({ id: Type.String(), file_id: Type.String(), workflow_id: Type.String(), file_name: Type.String(), size: Type.Integer(), created_at: Type.String() }),
          400: AnyformatError,
          401: AnyformatError,
          404: AnyformatError,
          413: AnyformatError,
          415: AnyformatError,
        },
      },
    },
    async (request, reply) => {
      const tenantId = request.auth.tenantId;
      const workflow = await core.templates.get(tenantId, request.params.id);
      const row = await core.files.upload(tenantId, await readOneFile(request));
      return reply
        .status(201)
        .send({ id: row.id, file_id: row.id, workflow_id: workflow.id, file_name: row.filename, size: row.size, created_at: row.created_at });
    },
  );
}
