/**
 * What the extraction needs from a language model: one structured answer to one prompt. Providers
 * translate this to their wire format (OpenAI-compatible Chat Completions, Anthropic Messages) and
 * back; everything about documents, grounding and merging stays out of them.
 */
export interface LlmRequest {
  system: string;
  prompt: string;
  /** The JSON Schema of the wanted answer (an object). */
  schema: Record<string, unknown>;
  /** A short identifier for the schema (OpenAI's json_schema name, Anthropic's tool name). */
  schemaName: string;
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmResponse {
  /** The answer as text (to be cleaned and parsed), when the provider returned text. */
  text: string | null;
  /** The answer as an already parsed value (Anthropic tool input), when the provider returned one. */
  json: unknown;
  /** True when the model stopped at its output limit: the text may be cut short. */
  truncated: boolean;
  usage: LlmUsage;
  /** HTTP requests made, retries included. */
  attempts: number;
}

export interface LlmProvider {
  /** e.g. "openai:gpt-4o-mini" or "anthropic:claude-3-5-haiku", recorded as the usage record's engine. */
  readonly name: string;
  complete(request: LlmRequest): Promise<LlmResponse>;
}

export type LlmErrorKind =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'http_error'
  | 'network'
  | 'bad_response'
  | 'empty_output'
  | 'invalid_output'
  | 'aborted';

/** Every failure of an LLM call, with a kind a caller can act on and a message a user can read. */
export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly status: number | undefined;

  constructor(kind: LlmErrorKind, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LlmError';
    this.kind = kind;
    this.status = options.status;
  }
}
