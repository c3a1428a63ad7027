import { afterEach, describe, expect, it, vi } from 'vitest';
import { canRun, commandMissing, pythonModuleMissing } from './helpers/requirements.js';

/** The helper that lets `npm test` pass on a fresh machine, and makes CI fail instead of skipping. */
describe('test requirements (test/helpers/requirements.ts)', () => {
  const saved = process.env.DOCSIFT_TEST_REQUIRE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DOCSIFT_TEST_REQUIRE;
    else process.env.DOCSIFT_TEST_REQUIRE = saved;
    vi.restoreAllMocks();
  });

  it('runs a suite whose requirements are all there, printing nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    process.env.DOCSIFT_TEST_REQUIRE = 'browser,postgres,tools';
    expect(canRun('suite A', 'browser', undefined, undefined)).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('skips with one line saying what is missing and how to get it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    process.env.DOCSIFT_TEST_REQUIRE = 'postgres';
    expect(canRun('suite B', 'browser', 'no chromium at /x (install it: apt-get install chromium)')).toBe(false);
    expect(warn.mock.calls).toEqual([['skipped suite B: no chromium at /x (install it: apt-get install chromium)']]);
  });

  it('fails instead when DOCSIFT_TEST_REQUIRE names the requirement', () => {
    process.env.DOCSIFT_TEST_REQUIRE = 'browser, postgres';
    expect(() => canRun('suite C', 'postgres', undefined, 'no Postgres server')).toThrow(/suite C can't run: no Postgres server\. DOCSIFT_TEST_REQUIRE=/);
  });

  it('finds commands on PATH and Python modules, and says how to install a missing one', () => {
    expect(commandMissing(process.execPath, 'n/a')).toBeUndefined();
    expect(commandMissing('docsift-no-such-command', 'apt-get install nothing')).toBe('no docsift-no-such-command on PATH (install it: apt-get install nothing)');
    const python = commandMissing('python3', 'apt-get install python3');
    if (python === undefined) {
      expect(pythonModuleMissing('json', 'n/a')).toBeUndefined();
      expect(pythonModuleMissing('docsift_no_such_module', 'pip install nothing')).toBe('no Python module docsift_no_such_module (install it: pip install nothing)');
    }
  });
});
