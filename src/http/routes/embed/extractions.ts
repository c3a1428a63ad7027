import { Type } from 'typebox';
import type { Core } from '../../../core.js';
import type { EmbedSurface } from '../../../surfaces/embed/embed-surface.js';
import { extractionDetail, extractionSummary } from '../../../surfaces/embed/extraction-view.js';
import { errors } from '../../../internal/errors/errors.js';
import type { App } from '../../app-type.js';
import { formValue, readMultipart } from '../../multipart.js';
import { baseUrl } from './embed-auth.js';
import { checkIdFormat, IdParams, ok, PageQuery, TAGS } from './schemas.js';

const ListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.String()),
  documentId: Type.Optional(Type.String()),
});

/** Embed extractions are core extractions of one document (the same ids on /v1/extractions). */
export function registerExtractionRoutes(app: App, core: Core, embed: EmbedSurface): void {
  app.post('/extract', { schema: { summary: 'Upload a file and start extraction', tags: TAGS, consumes: ['multipart/form-data'] } }, async (request) => {
    const form = await readMultipart(request, ['file']);
    if (form.files.length !== 1) throw errors.fieldInvalid('file', 'Send exactly one file in the `file` field.');
    const caller = request.embedCaller;
    const appName = caller.appName ?? formValue(form, 'appName') ?? (await caller.keyAppName());
    const given = formValue(form, 'documentId')?.trim() || undefined;
    const documentId = given === undefined ? undefined : checkIdFormat('document', given, 'documentId');
    const { record } = await embed.extractions.submit(request.auth, {
      // The file is recorded as the extraction is: from the embed API, by this app.
      file: { ...form.files[0], notes: { source: 'embed', appName } },
      documentId,
      metadata: { source: 'embed', appName, ...(caller.user ? { userEmail: caller.user.email } : {}) },
    });
    const view = extractionSummary(record, baseUrl(request));
    return ok({
      success: true,
      extractionId: view.id,
      fileName: view.fileName,
      fileType: view.fileType,
      fileUrl: view.fileUrl,
      status: view.status,
      documentId: view.documentId,
      message: 'File uploaded and extraction started',
    });
  });

  app.get('/extractions', { schema: { summary: 'List extractions', tags: TAGS, querystring: ListQuery } }, async (request) => {
    if (request.query.documentId) checkIdFormat('document', request.query.documentId, 'documentId');
    const { items, pagination } = await embed.extractions.list(request.auth.tenantId, request.query);
    const base = baseUrl(request);
    return ok({ items: items.map((r) => extractionSummary(r, base)), pagination });
  });

  app.get('/extractions/:id', { schema: { summary: 'Get an extraction with its extracted data', tags: TAGS, params: IdParams } }, async (request) =>
    ok(extractionDetail(await embed.extractions.get(request.auth.tenantId, checkIdFormat('extraction', request.params.id)), baseUrl(request))),
  );

  app.post('/extractions/:id/retry', { schema: { summary: 'Retry a failed extraction', tags: TAGS, params: IdParams } }, async (request) => {
    await embed.extractions.retry(request.auth.tenantId, checkIdFormat('extraction', request.params.id));
    return ok({ success: true, extractionId: request.params.id, message: 'Extraction retry initiated' });
  });

  app.delete('/extractions/:id', { schema: { summary: 'Delete an extraction', tags: TAGS, params: IdParams } }, async (request) => {
    await core.extractions.delete(request.auth.tenantId, checkIdFormat('extraction', request.params.id));
    return ok({ deleted: true, id: request.params.id });
  });
}
