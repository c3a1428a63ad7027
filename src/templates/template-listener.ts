import type { TemplatesDb } from './template-rows.js';
import type { Template, TemplateVersion } from './template-types.js';

/** A change to a template, as listeners hear it (after the change, inside its transaction). */
export type TemplateChange =
  | { type: 'created'; template: Template }
  | { type: 'updated'; template: Template; draftChanged: boolean; attributesChanged: boolean }
  | { type: 'deleted'; template: Template }
  | { type: 'version_published'; template: Template; version: TemplateVersion };

export interface TemplateListener {
  templateChanged(trx: TemplatesDb, tenantId: string, change: TemplateChange): Promise<void>;
}
