import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { registerCreateParser } from './create-parser.js';
import { registerDeleteParser } from './delete-parser.js';
import { registerGetParser } from './get-parser.js';
import { registerGetParserVersion } from './get-parser-version.js';
import { registerListParserVersions } from './list-parser-versions.js';
import { registerListParsers } from './list-parsers.js';
import { registerPublishParserVersion } from './publish-parser-version.js';
import { registerUpdateParser } from './update-parser.js';

/** Parsers (templates) and their versions, in the caller's tenant. Registered inside the authenticated /v1 scope. */
export function registerParserRoutes(app: App, core: Core): void {
  registerCreateParser(app, core);
  registerListParsers(app, core);
  registerGetParser(app, core);
  registerUpdateParser(app, core);
  registerDeleteParser(app, core);
  registerPublishParserVersion(app, core);
  registerListParserVersions(app, core);
  registerGetParserVersion(app, core);
}
