import type { FieldSpec } from '../extract/field-schema.js';

const TYPE_NAMES: Record<FieldSpec['kind'], string> = {
  string: 'text',
  number: 'number',
  boolean: 'true/false',
  date: 'date YYYY-MM-DD',
  object: 'object',
  list_string: 'list of text',
  list_object: 'list of objects',
};

export const SYSTEM_PROMPT = [
  'You extract structured data from business documents (invoices, receipts, bank statements, forms).',
  'Use only what the document shows. Never guess, and never invent a value that is not printed; use null for a field the document does not show.',
  'Copy names, numbers and identifiers exactly as printed. Write dates as YYYY-MM-DD and amounts as plain numbers (no currency sign, no thousands separator).',
  'List every row of a list field, in document order, none left out.',
].join(' ');

function describeFields(specs: FieldSpec[], indent = ''): string[] {
  return specs.flatMap((s) => [
    `${indent}- ${s.name} (${TYPE_NAMES[s.kind]})${s.description ? `: ${s.description}` : ''}`,
    ...describeFields(s.children, `${indent}  `),
  ]);
}

export interface PromptInput {
  documentType: string;
  specs: FieldSpec[];
  markdown: string;
  /** The template's own extraction rules. */
  instructions?: string;
  /** Part i of n, when the document is sent in chunks. */
  part?: { index: number; count: number; pages: number[] };
  /** Checks the local engine's values failed, for the model to settle (hybrid mode). */
  disputes?: string[];
}

/** The user message: what to extract (fields with descriptions), then the document with its page markers. */
export function buildPrompt(input: PromptInput): string {
  const lines: string[] = [];
  if (input.documentType && input.documentType !== 'other') lines.push(`Document type: ${input.documentType.replace(/_/g, ' ')}.`);
  if (input.instructions) lines.push(`Extraction rules: ${input.instructions}`);
  lines.push('Fields to extract:', ...describeFields(input.specs));
  if (input.disputes?.length) {
    lines.push('', 'Another reader found these problems; read the values involved again carefully:', ...input.disputes.map((d) => `- ${d}`));
  }
  if (input.part && input.part.count > 1) {
    const { index, count, pages } = input.part;
    lines.push(
      '',
      `This is part ${index} of ${count} of the document (pages ${pages[0]}–${pages[pages.length - 1]}).`,
      'For list fields, give only the rows printed in this part. For the other fields, give a value only if this part shows it; otherwise null.',
    );
  }
  lines.push('', 'The document, as markdown; `<!-- page N -->` marks the start of page N:', '', input.markdown);
  return lines.join('\n');
}
