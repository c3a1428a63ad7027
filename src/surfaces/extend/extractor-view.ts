import type { Template, TemplateVersion } from '../../templates/template-types.js';
import { configFromDefinition, type ExtractConfig } from './extract-config.js';

/**
 * An extractor is a docsift template with the same id; its versions are the template's published
 * versions ("1.0", "1.1", "2.0", ids `prv_…`) plus the editable draft, whose id is `<extractor id>_draft`.
 */

export const DRAFT = 'draft';

export function draftVersionId(extractorId: string): string {
  return `${extractorId}_${DRAFT}`;
}

export interface ExtractorSummary {
  object: 'extractor';
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface ExtractorVersionSummary {
  object: 'extractor_version';
  id: string;
  description: string | null;
  version: string;
  extractorId: string;
  createdAt: string;
  createdBy: null;
}

export interface ExtractorVersionView extends ExtractorVersionSummary {
  config: ExtractConfig;
}

export function extractorSummary(t: { id: string; name: string; createdAt: string; updatedAt: string }): ExtractorSummary {
  return { object: 'extractor', id: t.id, name: t.name, createdAt: t.createdAt, updatedAt: t.updatedAt };
}

export function extractorView(t: Template) {
  return { ...extractorSummary(t), draftVersion: draftVersionView(t) };
}

export function draftVersionSummary(t: { id: string; updatedAt: string; description?: string | null }): ExtractorVersionSummary {
  return {
    object: 'extractor_version',
    id: draftVersionId(t.id),
    description: null,
    version: DRAFT,
    extractorId: t.id,
    createdAt: t.updatedAt,
    createdBy: null,
  };
}

export function draftVersionView(t: Template): ExtractorVersionView {
  return { ...draftVersionSummary(t), config: configFromDefinition(t.draft) };
}

export function versionSummary(v: { id: string; templateId: string; label: string; description: string | null; createdAt: string }): ExtractorVersionSummary {
  return {
    object: 'extractor_version',
    id: v.id,
    description: v.description,
    version: v.label,
    extractorId: v.templateId,
    createdAt: v.createdAt,
    createdBy: null,
  };
}

export function versionView(v: TemplateVersion): ExtractorVersionView {
  return { ...versionSummary(v), config: configFromDefinition(v.definition) };
}

