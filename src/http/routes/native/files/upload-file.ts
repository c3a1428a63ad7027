import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { errors } from '../../../../internal/errors/errors.js';
import { readMultipart } from '../../../multipart.js';
import { ErrorResponse, FileView } from '../schemas.js';
import { fileView } from './file-view.js';

export function registerUploadFile(app: App, core: Core): void {
  app.post(
    '/files',
    {
      schema: {
        summary: 'Upload a file without extracting it (use its id in POST /v1/extractions).',
        tags: ['files'],
        consumes: ['multipart/form-data'],
        response: { 201: Type.Object({ file: FileView }), 400: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      const form = await readMultipart(request, ['file']);
      if (form.files.length !== 1) throw errors.fieldInvalid('file', 'Send exactly one file in the `file` field.');
      const file = await core.files.upload(request.auth.tenantId, form.files[0]);
      return reply.status(201).send({ file: fileView(file) });
    },
  );
}
