import type { CliIo } from './cli-types.js';

export interface ProgressCounts {
  total: number;
  done: number;
  failed: number;
}

/**
 * Batch progress on stderr: a redrawn bar on a terminal, otherwise one plain line each time the
 * counts change (so logs and CI output stay readable). stdout is left alone for results and --json.
 */
export class Progress {
  private last = '';
  private readonly started = Date.now();
  private drawn = false;

  constructor(private readonly io: CliIo, private readonly label = 'documents') {}

  update(c: ProgressCounts): void {
    const key = `${c.done}/${c.total}/${c.failed}`;
    if (key === this.last) return;
    this.last = key;
    const secs = Math.round((Date.now() - this.started) / 1000);
    const failed = c.failed ? `, ${c.failed} failed` : '';
    if (this.io.stderrIsTTY) {
      const width = 30;
      const filled = c.total ? Math.round((c.done / c.total) * width) : 0;
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      this.io.writeErr(`\r\x1b[2K${bar} ${c.done}/${c.total} ${this.label}${failed} ${secs}s`);
      this.drawn = true;
    } else {
      this.io.stderr(`progress: ${c.done}/${c.total} ${this.label} finished${failed} (${secs}s)`);
    }
  }

  finish(): void {
    if (this.drawn) this.io.writeErr('\n');
    this.drawn = false;
  }
}
