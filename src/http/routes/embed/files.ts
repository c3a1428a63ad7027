import { Type } from 'typebox';
import type { EmbedSurface } from '../../../surfaces/embed/embed-surface.js';
import { fileView } from '../../../surfaces/embed/files.js';
import { errors } from '../../../internal/errors/errors.js';
import type { App } from '../../app-type.js';
import { formValue, readMultipart } from '../../multipart.js';
import { baseUrl } from './embed-auth.js';
import { ok, PageQuery, TAGS } from './schemas.js';

const ListQuery = Type.Object({ ...PageQuery, fileType: Type.Optional(Type.String({ maxLength: 200 })) });

const MAX_DESCRIPTION_LENGTH = 2000;

/** Embed files are docsift files (`/v1/files`), recorded with their description, source "embed" and the caller's appName. */
export function registerFileRoutes(app: App, embed: EmbedSurface): void {
  app.get('/files', { schema: { summary: 'List uploaded files', tags: TAGS, querystring: ListQuery } }, async (request) => {
    const { items, pagination } = await embed.files.list(request.auth.tenantId, request.query);
    const base = baseUrl(request);
    return ok({ items: items.map((f) => fileView(f, base)), pagination });
  });

  app.post('/files', { schema: { summary: 'Upload a file without extraction', tags: TAGS, consumes: ['multipart/form-data'] } }, async (request) => {
    const form = await readMultipart(request, ['file']);
    if (form.files.length !== 1) throw errors.fieldInvalid('file', 'Send exactly one file in the `file` field.');
    const description = formValue(form, 'description')?.trim() || null;
    if (description !== null && description.length > MAX_DESCRIPTION_LENGTH) {
      throw errors.fieldInvalid('description', `description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
    }
    const appName = request.embedCaller.appName ?? formValue(form, 'appName') ?? (await request.embedCaller.keyAppName());
    const file = await embed.files.upload(request.auth.tenantId, { ...form.files[0], notes: { description, source: 'embed', appName } });
    // The upload answer is the embed docs': no source, appName, description or dates (the list shows them).
    const { source: _s, appName: _a, description: _d, createdAt: _c, updatedAt: _u, ...view } = fileView(file, baseUrl(request));
    return ok({ ...view, message: 'File uploaded successfully' });
  });
}
