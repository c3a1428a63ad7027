import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { errors } from '../../../internal/errors/errors.js';
import { readMultipart } from '../../multipart.js';
import { loadFileContents } from '../../../surfaces/extend/file-contents.js';
import { fileSummary, fileView } from '../../../surfaces/extend/file-view.js';
import { nextPageToken, readPageRequest } from '../../../surfaces/extend/page-token.js';
import { IdParams, PageQuery, TAGS } from './schemas.js';

const ListQuery = Type.Object({ ...PageQuery, nameContains: Type.Optional(Type.String()) });
const RetrieveQuery = Type.Object({ rawText: Type.Optional(Type.Boolean()), markdown: Type.Optional(Type.Boolean()), html: Type.Optional(Type.Boolean()) });

/** Extend files are docsift files (`/v1/files`), under the same ids. */
export function registerExtendFileRoutes(app: App, core: Core): void {
  app.post('/files/upload', { schema: { summary: 'Upload a file', tags: TAGS, consumes: ['multipart/form-data'] } }, async (request) => {
    const form = await readMultipart(request, ['file']);
    if (form.files.length !== 1) throw errors.fieldInvalid('file', 'Send exactly one file in the `file` field.');
    return fileView(await core.files.upload(request.auth.tenantId, form.files[0]));
  });

  app.get('/files', { schema: { summary: 'List uploaded files', tags: TAGS, querystring: ListQuery } }, async (request) => {
    const cursor = readPageRequest(request.query);
    const { files, pagination } = await core.files.list(request.auth.tenantId, {
      page: cursor.page,
      per_page: cursor.perPage,
      filename: request.query.nameContains,
      order: request.query.sortDir,
    });
    const token = nextPageToken(cursor, pagination.total);
    return { object: 'list', data: files.map((f) => fileSummary(f)), ...(token ? { nextPageToken: token } : {}) };
  });

  app.get('/files/:id', { schema: { summary: 'Get a file (contents: the text of its last completed run, when asked for)', tags: TAGS, params: IdParams, querystring: RetrieveQuery } }, async (request) => {
    const file = await core.files.get(request.auth.tenantId, request.params.id);
    return fileView(file, await loadFileContents(core.files, request.auth.tenantId, file.id, request.query));
  });

  app.delete('/files/:id', { schema: { summary: 'Delete a file', tags: TAGS, params: IdParams } }, async (request) => {
    await core.files.delete(request.auth.tenantId, request.params.id);
    return { id: request.params.id };
  });
}
