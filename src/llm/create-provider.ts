import type { LlmConfig } from '../config.js';
import { AnthropicProvider } from './anthropic-provider.js';
import type { LlmProvider } from './llm-provider.js';
import type { LlmSettings } from './llm-settings.js';
import { OpenAiProvider } from './openai-provider.js';

/** The provider DOCSIFT_LLM_* describe, or null when no model is configured (the local engine only). */
export function createLlmProvider(config: LlmConfig): LlmProvider | null {
  if (!config.baseUrl || !config.model) return null;
  const options = {
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    model: config.model,
    policy: { timeoutMs: config.timeoutMs, maxRetries: config.maxRetries, backoffMs: config.backoffMs },
  };
  return config.provider === 'anthropic' ? new AnthropicProvider(options) : new OpenAiProvider(options);
}

/** The LLM settings DOCSIFT_LLM_* describe, with their provider (null when no model is configured). */
export function createLlmSettings(config: LlmConfig): LlmSettings {
  return { provider: createLlmProvider(config), mode: config.mode, threshold: config.confidenceThreshold, chunkChars: config.chunkChars };
}

/** The cost of a document's tokens at the configured prices, or null when no price is set. */
export function llmCost(config: Pick<LlmConfig, 'costPer1kInput' | 'costPer1kOutput'>, inputTokens: number, outputTokens: number): number | null {
  if (config.costPer1kInput === undefined && config.costPer1kOutput === undefined) return null;
  const cost = (inputTokens / 1000) * (config.costPer1kInput ?? 0) + (outputTokens / 1000) * (config.costPer1kOutput ?? 0);
  // Micro-units: enough for per-token prices, without float noise in sums.
  return Math.round(cost * 1e6) / 1e6;
}
