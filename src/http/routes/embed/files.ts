import { Type } from 'typebox';
import type { EmbedSurface } from '../../../surfaces/embed/embed-surface.js';
import { fileView } from '../../../surfaces/embed/files.js';
import { errors } from '../../../internal/errors/errors.js';
import type { App } from '../../app.js';
import { readMultipart } from '../../multipart.js';
import { baseUrl } from './embed-auth.js';
import { ok, PageQuery, TAGS } from './schemas.js';

const ListQuery = Type.Object({ ...PageQuery, fileType: Type.Optional(Type.String({ maxLength: 200 })) });

/** Embed files are docsift files (`/v1/files`). The `description` form field is accepted and not stored. */
export function registerFileRoutes(app: App, embed: EmbedSurface): void {
  app.get('/files', { schema: { summary: 'List uploaded files', tags: TAGS, querystring: ListQuery } }, async (request) => {
    const { items, pagination } = await embed.files.list(request.auth.tenantId, request.query);
    const base = baseUrl(request);
    return ok({ items: items.map((f) => fileView(f, base)), pagination });
  });

  app.post('/files', { schema: { summary: 'Upload a file without extraction', tags: TAGS, consumes: ['multipart/form-data'] } }, async (request) => {
    const form = await readMultipart(request, ['file']);
    if (form.files.length !== 1) throw errors.fieldInvalid('file', 'Send exactly one file in the `file` field.');
    const file = await embed.files.upload(request.auth.tenantId, form.files[0]);
    const { source: _s, appName: _a, createdAt: _c, updatedAt: _u, ...view } = fileView(file, baseUrl(request));
    return ok({ ...view, message: 'File uploaded successfully' });
  });
}
