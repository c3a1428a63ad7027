import type { BBox } from './document.js';

/**
 * What the pipeline answers for one document, and the parts of it each stage produces. The stages
 * (extract/, llm/, cli/) and the domain code that stores results import these from here, never from
 * pipeline.ts, so no stage depends on the module that runs it.
 */

/** What a document is read as: `auto` lets the classifier decide. */
export type DetectionType = 'auto' | 'invoice' | 'receipt' | 'bank_statement';

/** Where a value is printed: `bbox` in PDF points from the page's top-left corner (docs/product.md). */
export interface Citation {
  page: number;
  bbox: BBox;
  text: string;
}

export interface FieldResult {
  value: unknown;
  confidence: number;
  citations: Citation[];
  /**
   * Where the value came from: 'page' (text and layout), 'embedded_xml' (Factur-X/ZUGFeRD), 'llm' (the
   * configured model, located in the page words when `citations` is not empty), or sources agreeing ('page+llm').
   */
  source?: string;
}

export interface PipelineWarning {
  code: string;
  message: string;
}

/** What the extract stage (and after it the LLM stage) hands on: plain values, and each with its evidence. */
export interface Extracted {
  data: Record<string, unknown>;
  fields: Record<string, FieldResult>;
  warnings: PipelineWarning[];
}

/** The template a document was matched to among those offered (classify/match-template.ts). */
export interface TemplateMatch {
  template_id: string;
  /** The share of the evidence that goes to this template (0–1), over every template and built-in type. */
  confidence: number;
}

/** An LLM's part in one document: which model, its tokens and HTTP calls (for usage records). */
export interface LlmUsageSummary {
  engine: string;
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

export interface PipelineResult {
  pages: number;
  document_type: string | null;
  document_type_confidence: number | null;
  data: Record<string, unknown>;
  fields: Record<string, FieldResult>;
  warnings: PipelineWarning[];
  /** Markdown of the pages read, each introduced by `<!-- page N -->`. */
  text: string;
  /** Set when an LLM was called: its name, tokens and HTTP calls (for usage records). */
  llm?: LlmUsageSummary;
  /** The template matched among the ones offered (null when none was offered or none fits). */
  template_match: TemplateMatch | null;
  /** Set when pages were OCRed: the engine(s) that read them ('paddle', 'tesseract', or both joined by '+'). */
  ocr_engine?: string;
}
