import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { detectMediaType } from '../parse/detect-media-type.js';
import type { DetectionType } from '../model/result.js';
import type { OcrEngine } from '../ocr/ocr-engine.js';
import { closeSharedOcrEngine, runPipeline } from '../pipeline.js';
import type { LlmMode, LlmSettings } from '../../llm/llm-settings.js';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

interface Options {
  files: string[];
  type: DetectionType;
  schema?: string;
  pages?: string;
  out?: string;
  mode?: LlmMode;
}

const USAGE =
  'usage: docsift extract <files...> [--type auto|invoice|receipt|bank_statement] [--schema schema.json] [--pages 1-3] [--out DIR] [--mode local|llm|hybrid]';

function parseArgs(argv: string[]): Options | string {
  const opts: Options = { files: [], type: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--type') {
      const t = value();
      if (!['auto', 'invoice', 'receipt', 'bank_statement'].includes(t ?? '')) return `--type must be auto, invoice, receipt or bank_statement`;
      opts.type = t as DetectionType;
    } else if (a === '--schema') opts.schema = value();
    else if (a === '--pages') opts.pages = value();
    else if (a === '--out') opts.out = value();
    else if (a === '--mode') {
      const m = value();
      if (!['local', 'llm', 'hybrid'].includes(m ?? '')) return '--mode must be local, llm or hybrid';
      opts.mode = m as LlmMode;
    }
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else opts.files.push(a);
  }
  return opts.files.length ? opts : 'no input files';
}

/**
 * `docsift extract`: runs the pipeline on each file and prints one result object per file (a
 * document's result, docs/product.md), or writes `DIR/<name>.json` with `--out`. A file that cannot be
 * read is reported on stderr and the others are still processed; the exit code is then 1.
 * The entry point (bin/docsift.mjs, src/start/cli.ts) only has to call this with process.argv, the
 * configured LLM (`mode` is the default `--mode`) and the configured OCR engine, which it closes
 * afterwards; without an engine the pipeline's shared one is used, and closed here.
 */
export async function runExtractCommand(argv: string[], io: CliIo, deps: { llm?: LlmSettings; ocr?: OcrEngine } = {}): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    io.stderr(`docsift extract: ${opts}\n${USAGE}`);
    return 2;
  }
  const mode = opts.mode ?? deps.llm?.mode ?? 'local';
  const provider = deps.llm?.provider;
  if (mode !== 'local' && !provider) {
    io.stderr(`docsift extract: --mode ${mode} needs an LLM: set DOCSIFT_LLM_BASE_URL and DOCSIFT_LLM_MODEL`);
    return 2;
  }
  const llm = mode !== 'local' && provider && deps.llm ? { ...deps.llm, mode } : undefined;
  let schema: unknown;
  if (opts.schema) {
    try {
      schema = JSON.parse(await readFile(opts.schema, 'utf8'));
    } catch (err) {
      io.stderr(`docsift extract: cannot read schema ${opts.schema}: ${(err as Error).message}`);
      return 2;
    }
  }
  if (opts.out) await mkdir(opts.out, { recursive: true });
  let failed = 0;
  try {
    for (const file of opts.files) {
      try {
        const bytes = await readFile(file);
        const mediaType = await detectMediaType(bytes, file);
        const result = await runPipeline({ bytes, mediaType, filename: path.basename(file), detectionType: opts.type, schema, pageRanges: opts.pages, llm, ocr: deps.ocr });
        const { text: _text, ...rest } = result;
        const output = { filename: path.basename(file), status: 'completed', ...rest };
        if (opts.out) await writeFile(path.join(opts.out, `${path.parse(file).name}.json`), `${JSON.stringify(output, null, 2)}\n`);
        else io.stdout(JSON.stringify(output, null, 2));
      } catch (err) {
        failed++;
        // The precise reason (FILE_ENCRYPTED, FILE_CORRUPT, ...) beside the broad code, as the API shows it.
        const { code = 'ERROR', details } = err as { code?: string; details?: { reason?: unknown } };
        const reason = typeof details?.reason === 'string' ? ` (${details.reason})` : '';
        io.stderr(`docsift extract: ${file}: ${code}${reason}: ${(err as Error).message}`);
      }
    }
  } finally {
    if (!deps.ocr) await closeSharedOcrEngine();
  }
  return failed ? 1 : 0;
}
