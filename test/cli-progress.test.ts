import { describe, expect, it } from 'vitest';
import { Progress } from '../packages/cli/src/index.js';
import type { CliIo } from '../packages/cli/src/index.js';

function io(tty: boolean) {
  const lines: string[] = [];
  const raw: string[] = [];
  const value: CliIo = {
    stdout: () => {},
    stderr: (l) => lines.push(l),
    writeBytes: () => {},
    writeErr: (s) => raw.push(s),
    stderrIsTTY: tty,
    stdoutIsTTY: tty,
  };
  return { value, lines, raw };
}

describe('docsift progress', () => {
  it('redraws one bar on a terminal', () => {
    const o = io(true);
    const p = new Progress(o.value);
    p.update({ total: 4, done: 1, failed: 0 });
    p.update({ total: 4, done: 1, failed: 0 });
    p.update({ total: 4, done: 4, failed: 1 });
    p.finish();
    expect(o.lines).toEqual([]);
    expect(o.raw).toHaveLength(3);
    expect(o.raw[0]).toMatch(/^\r\x1b\[2K█{8}░{22} 1\/4 documents/);
    expect(o.raw[1]).toMatch(/█{30} 4\/4 documents, 1 failed/);
    expect(o.raw[2]).toBe('\n');
  });

  it('prints plain lines, only on change, otherwise', () => {
    const o = io(false);
    const p = new Progress(o.value);
    p.update({ total: 2, done: 0, failed: 0 });
    p.update({ total: 2, done: 0, failed: 0 });
    p.update({ total: 2, done: 2, failed: 0 });
    p.finish();
    expect(o.raw).toEqual([]);
    expect(o.lines.map((l) => l.replace(/ \(\d+s\)$/, ''))).toEqual(['progress: 0/2 documents finished', 'progress: 2/2 documents finished']);
  });
});
