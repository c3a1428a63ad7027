import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { FileView, PageQuery, Pagination } from '../schemas.js';
import { fileView } from './file-view.js';

export function registerListFiles(app: App, core: Core): void {
  app.get(
    '/files',
    {
      schema: {
        summary: 'List uploaded files.',
        tags: ['files'],
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Object({ files: Type.Array(FileView), pagination: Pagination }) },
      },
    },
    async (request) => {
      const { files, pagination } = await core.files.list(request.auth.tenantId, request.query);
      return { files: files.map(fileView), pagination };
    },
  );
}
