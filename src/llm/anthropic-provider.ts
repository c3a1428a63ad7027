import { LlmError, type LlmProvider, type LlmRequest, type LlmResponse } from './llm-provider.js';
import { toCount } from './openai-provider.js';
import { describeError, postJson, type RetryPolicy } from './post-json.js';

const ANTHROPIC_VERSION = '2023-06-01';
/** Messages requires max_tokens; a long statement's list needs room. */
const DEFAULT_MAX_TOKENS = 8192;

export interface AnthropicProviderOptions {
  /** e.g. https://api.anthropic.com (with or without /v1). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  policy: RetryPolicy;
}

/**
 * Anthropic Messages with one tool whose input_schema is the wanted answer and tool_choice forcing
 * it: the model's answer arrives as the tool's (already parsed) input.
 */
export class AnthropicProvider implements LlmProvider {
  readonly name: string;
  private readonly url: string;
  private readonly options: AnthropicProviderOptions;

  constructor(options: AnthropicProviderOptions) {
    this.options = options;
    this.name = `anthropic:${options.model}`;
    const base = options.baseUrl.replace(/\/+$/, '');
    this.url = base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
  }

  async complete(request: LlmRequest): Promise<LlmResponse> {
    const result = await postJson({
      url: this.url,
      headers: { 'anthropic-version': ANTHROPIC_VERSION, ...(this.options.apiKey ? { 'x-api-key': this.options.apiKey } : {}) },
      body: {
        model: this.options.model,
        max_tokens: request.maxOutputTokens ?? DEFAULT_MAX_TOKENS,
        temperature: 0,
        system: request.system,
        messages: [{ role: 'user', content: request.prompt }],
        tools: [{ name: request.schemaName, description: 'Record the values extracted from the document.', input_schema: request.schema }],
        tool_choice: { type: 'tool', name: request.schemaName },
      },
      policy: this.options.policy,
      signal: request.signal,
    });
    if (result.status < 200 || result.status >= 300) {
      throw new LlmError('http_error', `the LLM server answered ${result.status}${describeError(result.body)}`, { status: result.status });
    }
    const b = result.body as {
      content?: { type?: string; name?: string; input?: unknown; text?: unknown }[];
      stop_reason?: unknown;
      usage?: { input_tokens?: unknown; output_tokens?: unknown };
    } | null;
    if (!b || !Array.isArray(b.content)) throw new LlmError('bad_response', 'the LLM server answered without content (not a Messages response)');
    const tool = b.content.find((c) => c?.type === 'tool_use');
    // Without a tool call (a server that ignores tool_choice), the text may still hold the JSON.
    const text = b.content.filter((c) => c?.type === 'text' && typeof c.text === 'string').map((c) => c.text as string).join('\n');
    return {
      json: tool ? tool.input : undefined,
      text: tool ? null : text || null,
      truncated: b.stop_reason === 'max_tokens',
      usage: { inputTokens: toCount(b.usage?.input_tokens), outputTokens: toCount(b.usage?.output_tokens) },
      attempts: result.attempts,
    };
  }
}
