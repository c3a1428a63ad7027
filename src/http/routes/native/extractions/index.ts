import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { registerExportResults } from './export-results.js';
import { registerGetExtraction } from './get-extraction.js';
import { registerListExtractions } from './list-extractions.js';
import { registerManageExtraction } from './manage-extraction.js';
import { registerReviewDocument } from './review-document.js';
import { registerSubmitExtraction } from './submit-extraction.js';

export function registerExtractionRoutes(app: App, core: Core): void {
  registerSubmitExtraction(app, core);
  registerListExtractions(app, core);
  registerGetExtraction(app, core);
  registerManageExtraction(app, core);
  registerExportResults(app, core);
  registerReviewDocument(app, core);
}
