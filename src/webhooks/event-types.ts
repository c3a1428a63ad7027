/** The native surface's webhook events. */
export const NATIVE_EVENT_TYPES = [
  'extraction.completed',
  'extraction.failed',
  'extraction.partial',
  'document.completed',
  'document.failed',
] as const;

export type NativeEventType = (typeof NATIVE_EVENT_TYPES)[number];

export function isNativeEventType(value: string): value is NativeEventType {
  return (NATIVE_EVENT_TYPES as readonly string[]).includes(value);
}
