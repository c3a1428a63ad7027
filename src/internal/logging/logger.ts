import pino, { type Logger, type LoggerOptions } from 'pino';

/** Headers and fields that carry secrets; pino replaces them before a line is written. */
const redactPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-setup-key"]',
  'req.headers.cookie',
  // @fastify/multipart logs the request headers it hands to busboy at trace level.
  'busboyOptions.headers',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-setup-key"]',
  '*.apiKey',
  '*.api_key',
  '*.key',
  '*.secret',
  '*.password',
  '*.token',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // Only method, url and ids go into request logs: never bodies, which hold document contents.
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: req.url.replace(/([?&](apiKey|api_key|token)=)[^&]+/gi, '$1[redacted]'),
        id: req.id,
      }),
    },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

export type { Logger };
