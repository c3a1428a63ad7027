import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { errors } from '../../../../internal/errors/errors.js';
import { ErrorResponse } from '../schemas.js';
import { listPageSizes, renderPageImage } from './render-page-image.js';

const Params = Type.Object({ file_id: Type.String() });
const PageParams = Type.Object({ file_id: Type.String(), page: Type.String({ maxLength: 100 }) });
const PageSizeView = Type.Object({ page: Type.Integer(), width: Type.Number(), height: Type.Number() });

/** Page images and sizes, so a UI can draw each citation's `bbox` (points from the top-left) over its page. */
export function registerGetFilePages(app: App, core: Core): void {
  app.get(
    '/files/:file_id/pages',
    {
      schema: {
        summary: "A PDF's or image's pages with their sizes in points (the unit of citation boxes).",
        tags: ['files'],
        params: Params,
        response: { 200: Type.Object({ file_id: Type.String(), pages: Type.Array(PageSizeView) }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const file = await core.files.get(request.auth.tenantId, request.params.file_id);
      const pages = await listPageSizes(await core.files.bytes(file), file.media_type, core.config.maxPixels);
      return { file_id: file.id, pages };
    },
  );

  app.get(
    '/files/:file_id/pages/:page',
    {
      schema: {
        summary: 'One page as an image: a PDF page rendered to PNG at 144 dpi, or the image itself. `:page` is 1-based, e.g. `1.png`.',
        tags: ['files'],
        params: PageParams,
      },
    },
    async (request, reply) => {
      // The file first: another tenant's id is a 404 whatever the page.
      const file = await core.files.get(request.auth.tenantId, request.params.file_id);
      const match = /^([0-9]{1,5})(\.png)?$/.exec(request.params.page);
      if (!match) throw errors.fieldInvalid('page', 'The page must be a 1-based number, e.g. 1.png.');
      const page = Number(match[1]);
      const image = await renderPageImage(await core.files.bytes(file), file.media_type, page, core.config.maxPixels);
      return reply.type(image.type).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(image.body);
    },
  );
}
