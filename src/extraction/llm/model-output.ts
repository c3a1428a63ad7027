import { LlmError } from '../../llm/llm-provider.js';

/**
 * Reads a model's text answer as JSON, the way local models actually answer: reasoning in
 * `<think>` tags before it, the JSON in a code fence, a sentence after it, or the JSON cut off at the
 * output limit. A cut-off answer is repaired by dropping its unfinished last value and closing what
 * is open, so the values that did arrive are kept (and then validated like any other).
 */
export function parseModelJson(raw: string | null): { value: unknown; repaired: boolean } {
  const text = stripReasoning(raw ?? '');
  if (!text.trim()) {
    throw new LlmError('empty_output', raw && raw.trim() ? 'the model answered with reasoning only and no JSON' : 'the model answered with empty content');
  }
  const body = unfence(text);
  const start = body.search(/[{[]/);
  if (start < 0) throw new LlmError('invalid_output', `the model's answer holds no JSON object: ${excerpt(body)}`);
  const candidate = firstBalanced(body.slice(start));
  try {
    return { value: JSON.parse(candidate), repaired: false };
  } catch {
    const repaired = repairJson(candidate);
    if (repaired !== undefined) return { value: repaired, repaired: true };
    throw new LlmError('invalid_output', `the model's answer is not valid JSON and could not be repaired: ${excerpt(candidate)}`);
  }
}

/** Removes `<think>…</think>` (and `<thinking>`, `<reasoning>`) blocks, closed or not. */
export function stripReasoning(text: string): string {
  let out = text.replace(/<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi, '');
  // A chat template may open the tag in the prompt, so the answer holds only the closing one.
  const close = /<\/(think|thinking|reasoning)>/i.exec(out);
  if (close) out = out.slice(close.index + close[0].length);
  // An opening tag never closed: the model ran out of tokens while still reasoning.
  const open = /<(think|thinking|reasoning)>/i.exec(out);
  if (open) out = out.slice(0, open.index);
  return out.trim();
}

/** The content of the first ``` fence, or the text as is; an unclosed fence (cut-off answer) counts too. */
function unfence(text: string): string {
  const m = /```[a-zA-Z]*\s*\n?([\s\S]*?)(?:```|$)/.exec(text);
  return m && m[1].trim() ? m[1] : text;
}

/** The first complete JSON value of the text (prose after it is dropped), or the whole rest if it never closes. */
function firstBalanced(text: string): string {
  const s = scan(text, true);
  return s?.end !== undefined ? text.slice(0, s.end) : text;
}

interface Scan {
  stack: string[];
  inString: boolean;
  /** Positions where the text can be cut to drop the last, unfinished member: before a comma, after an opener. */
  cuts: number[];
  /** With stopAtClose: the index just past the bracket that closed the first value. */
  end?: number;
}

/**
 * Walks the JSON text's brackets outside strings. Null when a bracket closes the wrong opener. With
 * stopAtClose it stops where the first value closes.
 */
function scan(text: string, stopAtClose = false): Scan | null {
  const stack: string[] = [];
  const cuts: number[] = [];
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      stack.push(ch);
      cuts.push(i + 1);
    } else if (ch === '}' || ch === ']') {
      if (stack.pop() !== (ch === '}' ? '{' : '[')) return null;
      if (stopAtClose && stack.length === 0) return { stack, inString, cuts, end: i + 1 };
    } else if (ch === ',') cuts.push(i);
  }
  return { stack, inString, cuts };
}

/** Closes an open string and every open bracket; a key left without its value gets null. */
function close(text: string): string | null {
  const s = scan(text);
  if (!s) return null;
  let out = s.inString ? `${text}"` : text;
  out = out.replace(/[\s,]+$/, '');
  if (/:\s*$/.test(out)) out += ' null';
  return out + s.stack.reverse().map((c) => (c === '{' ? '}' : ']')).join('');
}

/** Tries the text closed as it is, then cut back member by member (at most 200 tries). */
export function repairJson(text: string): unknown {
  const cleaned = text.replace(/,\s*([}\]])/g, '$1');
  const s = scan(cleaned);
  // Text cut inside a string: the string's end is lost, so its value (a half amount, half a name) is dropped.
  const attempts = s?.inString ? [] : [cleaned];
  if (s) for (const cut of [...s.cuts].reverse().slice(0, 200)) attempts.push(cleaned.slice(0, cut));
  for (const attempt of attempts) {
    const closed = close(attempt);
    if (closed === null) continue;
    try {
      return JSON.parse(closed);
    } catch {
      // try a shorter prefix
    }
  }
  return undefined;
}

function excerpt(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return JSON.stringify(t.length > 120 ? `${t.slice(0, 120)}…` : t);
}
