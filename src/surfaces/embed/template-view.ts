import { definitionFields } from '../../templates/convert-definition.js';
import type { Template } from '../../templates/template-types.js';
import { embedFields } from './template-fields.js';

/** A template as the embed docs show a "document": `_id` on create/list, `id` on get; both are sent. */
export function documentTemplateView(t: Template) {
  return {
    _id: t.id,
    id: t.id,
    name: t.name,
    description: t.description ?? '',
    fields: embedFields(definitionFields(t.draft)),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
