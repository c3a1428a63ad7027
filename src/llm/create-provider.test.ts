import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { AnthropicProvider } from './anthropic-provider.js';
import { createLlmProvider, llmCost } from './create-provider.js';
import { OpenAiProvider } from './openai-provider.js';

describe('LLM configuration', () => {
  it('is off by default: mode local, no provider', () => {
    const config = loadConfig({});
    expect(config.llm).toMatchObject({ mode: 'local', provider: 'openai', timeoutMs: 120_000, maxRetries: 3, confidenceThreshold: 0.6 });
    expect(createLlmProvider(config.llm)).toBeNull();
  });

  it('builds the provider DOCSIFT_LLM_PROVIDER names', () => {
    const openai = createLlmProvider(loadConfig({ DOCSIFT_LLM_BASE_URL: 'http://127.0.0.1:11434/v1', DOCSIFT_LLM_MODEL: 'qwen2.5:7b' }).llm);
    expect(openai).toBeInstanceOf(OpenAiProvider);
    expect(openai?.name).toBe('openai:qwen2.5:7b');
    const anthropic = createLlmProvider(loadConfig({ DOCSIFT_LLM_PROVIDER: 'anthropic', DOCSIFT_LLM_BASE_URL: 'https://api.anthropic.com', DOCSIFT_LLM_MODEL: 'claude-x' }).llm);
    expect(anthropic).toBeInstanceOf(AnthropicProvider);
  });

  it('refuses an LLM mode without a model, and bad values, naming the variable', () => {
    expect(() => loadConfig({ DOCSIFT_LLM_MODE: 'hybrid' })).toThrow(new ConfigError('DOCSIFT_LLM_MODE', 'hybrid needs DOCSIFT_LLM_BASE_URL and DOCSIFT_LLM_MODEL'));
    expect(() => loadConfig({ DOCSIFT_LLM_PROVIDER: 'gemini' })).toThrow(/DOCSIFT_LLM_PROVIDER/);
    expect(() => loadConfig({ DOCSIFT_LLM_CONFIDENCE_THRESHOLD: '2' })).toThrow(/DOCSIFT_LLM_CONFIDENCE_THRESHOLD/);
  });

  it('prices tokens only when a price is configured', () => {
    expect(llmCost({}, 1000, 1000)).toBeNull();
    expect(llmCost({ costPer1kInput: 0.15, costPer1kOutput: 0.6 }, 1200, 40)).toBe(0.204);
    expect(llmCost({ costPer1kOutput: 2 }, 5000, 500)).toBe(1);
  });
});
