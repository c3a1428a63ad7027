import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { registerGetFile } from './get-file.js';
import { registerGetFilePages } from './get-file-pages.js';
import { registerListFiles } from './list-files.js';
import { registerUploadFile } from './upload-file.js';

export function registerFileRoutes(app: App, core: Core): void {
  registerUploadFile(app, core);
  registerListFiles(app, core);
  registerGetFile(app, core);
  registerGetFilePages(app, core);
}
