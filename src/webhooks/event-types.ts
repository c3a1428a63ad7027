/** The native surface's webhook events. */
export const NATIVE_EVENT_TYPES = [
  'extraction.completed',
  'extraction.failed',
  'extraction.partial',
  'document.completed',
  'document.failed',
  /** An evaluation run was scored (src/evaluations/evaluation-run-listener.ts). */
  'evaluation_run.completed',
] as const;

/** Events a subscription gets only when it names them: a subscription without `events` keeps the extraction and document ones. */
export const OPT_IN_EVENT_TYPES: readonly string[] = ['evaluation_run.completed'];

export type NativeEventType = (typeof NATIVE_EVENT_TYPES)[number];
