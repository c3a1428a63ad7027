import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { AnyObject, IdParams, PageQuery, TAGS } from './schemas.js';

const ListQuery = Type.Object({ ...PageQuery, sortBy: Type.Optional(Type.String()) });
const VersionParams = Type.Object({ id: Type.String(), versionId: Type.String() });

/** Extractors are docsift templates (`/v1/parsers`), versions their published versions. */
export function registerExtractorRoutes(app: App, core: Core): void {
  app.post('/extractors', { schema: { summary: 'Create an extractor', tags: TAGS, body: AnyObject } }, async (request) =>
    core.extend.extractors.create(request.auth.tenantId, request.body),
  );
  app.get('/extractors', { schema: { summary: 'List extractors', tags: TAGS, querystring: ListQuery } }, async (request) =>
    core.extend.extractors.list(request.auth.tenantId, request.query),
  );
  app.get('/extractors/:id', { schema: { summary: 'Get an extractor', tags: TAGS, params: IdParams } }, async (request) =>
    core.extend.extractors.get(request.auth.tenantId, request.params.id),
  );
  app.post('/extractors/:id', { schema: { summary: 'Update an extractor (name, draft config)', tags: TAGS, params: IdParams, body: Type.Optional(AnyObject) } }, async (request) =>
    core.extend.extractors.update(request.auth.tenantId, request.params.id, request.body ?? {}),
  );
  app.post('/extractors/:id/versions', { schema: { summary: 'Publish an extractor version', tags: TAGS, params: IdParams, body: Type.Optional(AnyObject) } }, async (request) =>
    core.extend.extractors.createVersion(request.auth.tenantId, request.params.id, request.body ?? {}),
  );
  app.get('/extractors/:id/versions', { schema: { summary: 'List extractor versions', tags: TAGS, params: IdParams, querystring: Type.Object(PageQuery) } }, async (request) =>
    core.extend.extractors.listVersions(request.auth.tenantId, request.params.id, request.query),
  );
  app.get('/extractors/:id/versions/:versionId', { schema: { summary: 'Get an extractor version', tags: TAGS, params: VersionParams } }, async (request) =>
    core.extend.extractors.getVersion(request.auth.tenantId, request.params.id, request.params.versionId),
  );
}
