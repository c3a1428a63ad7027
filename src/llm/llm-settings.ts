import type { LlmConfig } from '../config.js';
import type { LlmProvider } from './llm-provider.js';

/** `local`: the built-in engine alone; `llm`: the model reads every field; `hybrid`: the model where the engine is unsure. */
export type LlmMode = LlmConfig['mode'];

/**
 * The configured LLM and how extraction uses it (DOCSIFT_LLM_*): the one shape the composition root,
 * the document processor, `docsift extract` and the pipeline pass on. With no model configured
 * `provider` is null and the local engine works alone, whatever `mode` says.
 */
export interface LlmSettings {
  provider: LlmProvider | null;
  /** The default mode; an extraction's `extraction_mode` (or `docsift extract --mode`) overrides it. */
  mode: LlmMode;
  /** Hybrid mode asks the LLM for local values below this confidence (and for missing ones). */
  threshold: number;
  /** Markdown characters per request; longer documents are sent in chunks of pages. */
  chunkChars: number;
}
