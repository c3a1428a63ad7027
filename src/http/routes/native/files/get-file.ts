import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse, FileView } from '../schemas.js';
import { fileView } from './file-view.js';

const Params = Type.Object({ file_id: Type.String() });

export function registerGetFile(app: App, core: Core): void {
  app.get(
    '/files/:file_id',
    { schema: { summary: 'Get a file.', tags: ['files'], params: Params, response: { 200: Type.Object({ file: FileView }), 404: ErrorResponse } } },
    async (request) => ({ file: fileView(await core.files.get(request.auth.tenantId, request.params.file_id)) }),
  );

  app.get(
    '/files/:file_id/content',
    { schema: { summary: "Download a file's original bytes.", tags: ['files'], params: Params } },
    async (request, reply) => {
      const { file, stream } = await core.files.content(request.auth.tenantId, request.params.file_id);
      return reply
        .type(file.media_type)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  app.delete(
    '/files/:file_id',
    {
      schema: {
        summary: 'Delete a file and its bytes.',
        tags: ['files'],
        params: Params,
        response: { 200: Type.Object({ deleted: Type.Boolean(), file_id: Type.String() }), 404: ErrorResponse },
      },
    },
    async (request) => {
      await core.files.delete(request.auth.tenantId, request.params.file_id);
      return { deleted: true, file_id: request.params.file_id };
    },
  );
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so any file name survives the header. */
export function contentDisposition(filename: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
