import { LlmError, type LlmProvider, type LlmRequest, type LlmResponse } from './llm-provider.js';
import { describeError, postJson, type RetryPolicy } from './post-json.js';

/**
 * How the answer's shape is asked for, strongest first. OpenAI, vLLM, llama.cpp server, LM Studio
 * and recent Ollama take `json_schema`; some servers only know `json_object`; the oldest take neither
 * and get the schema in the prompt. Whatever the server accepts, the answer is validated afterwards.
 */
const FORMATS = ['json_schema', 'json_object', 'prompt'] as const;
type Format = (typeof FORMATS)[number];

export interface OpenAiProviderOptions {
  /** The API root including its version, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  policy: RetryPolicy;
}

/** OpenAI-compatible Chat Completions (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, llama.cpp, LM Studio). */
export class OpenAiProvider implements LlmProvider {
  readonly name: string;
  private readonly url: string;
  private readonly options: OpenAiProviderOptions;
  /** Steps down (never up) when the server refuses a response_format, so later calls skip the refusal. */
  private format: Format = 'json_schema';
  /** Reasoning models (OpenAI o-series and later) refuse any temperature but the default. */
  private sendTemperature = true;
  /** Newer OpenAI models name the output limit max_completion_tokens and refuse max_tokens. */
  private limitParameter: 'max_tokens' | 'max_completion_tokens' = 'max_tokens';

  constructor(options: OpenAiProviderOptions) {
    this.options = options;
    this.name = `openai:${options.model}`;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  async complete(request: LlmRequest): Promise<LlmResponse> {
    let attempts = 0;
    for (;;) {
      const format = this.format;
      const result = await postJson({
        url: this.url,
        headers: this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}`, 'api-key': this.options.apiKey } : {},
        body: this.body(request, format),
        policy: this.options.policy,
        signal: request.signal,
      });
      attempts += result.attempts;
      if (result.status === 400 || result.status === 422) {
        // Adjust what the server names as unsupported and ask again; each adjustment happens once.
        const reason = describeError(result.body);
        if (this.sendTemperature && /temperature/i.test(reason)) {
          this.sendTemperature = false;
          continue;
        }
        if (this.limitParameter === 'max_tokens' && request.maxOutputTokens && /max_tokens/i.test(reason)) {
          this.limitParameter = 'max_completion_tokens';
          continue;
        }
        if (format !== 'prompt') {
          // Otherwise the structured-output request is the likely refusal: ask again a simpler way.
          this.format = FORMATS[FORMATS.indexOf(format) + 1];
          continue;
        }
      }
      if (result.status < 200 || result.status >= 300) {
        throw new LlmError('http_error', `the LLM server answered ${result.status}${describeError(result.body)}`, { status: result.status });
      }
      return { ...readChoice(result.body), attempts };
    }
  }

  private body(request: LlmRequest, format: Format): Record<string, unknown> {
    const schemaText = `Answer with one JSON object that matches this JSON Schema:\n${JSON.stringify(request.schema)}`;
    const user = format === 'json_schema' ? request.prompt : `${request.prompt}\n\n${schemaText}`;
    return {
      model: this.options.model,
      ...(this.sendTemperature ? { temperature: 0 } : {}),
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: user },
      ],
      ...(request.maxOutputTokens ? { [this.limitParameter]: request.maxOutputTokens } : {}),
      ...(format === 'json_schema'
        ? { response_format: { type: 'json_schema', json_schema: { name: request.schemaName, schema: request.schema, strict: false } } }
        : format === 'json_object'
          ? { response_format: { type: 'json_object' } }
          : {}),
    };
  }
}

function readChoice(body: unknown): Omit<LlmResponse, 'attempts'> {
  const b = body as {
    choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }[];
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  } | null;
  const choice = b?.choices?.[0];
  if (!choice || typeof choice !== 'object') throw new LlmError('bad_response', 'the LLM server answered without a choice (not a Chat Completions response)');
  if (typeof choice.message?.refusal === 'string' && choice.message.refusal) {
    throw new LlmError('invalid_output', `the model refused: ${choice.message.refusal.slice(0, 300)}`);
  }
  const content = choice.message?.content;
  return {
    text: typeof content === 'string' ? content : null,
    json: undefined,
    truncated: choice.finish_reason === 'length',
    usage: { inputTokens: toCount(b?.usage?.prompt_tokens), outputTokens: toCount(b?.usage?.completion_tokens) },
  };
}

export function toCount(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0;
}
