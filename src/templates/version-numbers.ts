import { errors } from '../internal/errors/errors.js';

/**
 * Published versions carry two numbers. `version` is a sequence (1, 2, 3…) that the native API and the
 * extractions table pin; `major.minor` is the release label Extend shows ("1.0", "1.1", "2.0"), chosen
 * by each publish's release type. With only major releases (the native default) the two agree:
 * version 3 is "3.0".
 */
export type ReleaseType = 'major' | 'minor';

export interface ReleaseNumber {
  major: number;
  minor: number;
}

/** The first release is 1.0 whatever its type; then major bumps to N+1.0 and minor to N.m+1. */
export function nextRelease(previous: ReleaseNumber | null, releaseType: ReleaseType): ReleaseNumber {
  if (!previous) return { major: 1, minor: 0 };
  return releaseType === 'major'
    ? { major: previous.major + 1, minor: 0 }
    : { major: previous.major, minor: previous.minor + 1 };
}

export function formatVersionLabel(release: ReleaseNumber): string {
  return `${release.major}.${release.minor}`;
}

/** Which definition a caller asks for. */
export type VersionSelector =
  | { kind: 'draft' }
  | { kind: 'latest' }
  | { kind: 'number'; version: number }
  | { kind: 'label'; major: number; minor: number };

/**
 * Parses a version reference: a sequence number (3 or "3"), a release label ("1.1", "v1.1"),
 * "latest" or "draft"; nothing means latest. Returns undefined for anything else.
 */
export function parseVersionSelector(input: number | string | null | undefined): VersionSelector | undefined {
  if (input === undefined || input === null) return { kind: 'latest' };
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input > 0 ? { kind: 'number', version: input } : undefined;
  }
  const text = input.trim().toLowerCase();
  if (text === '' || text === 'latest') return { kind: 'latest' };
  if (text === 'draft') return { kind: 'draft' };
  const sequence = /^[1-9]\d{0,8}$/.exec(text);
  if (sequence) return { kind: 'number', version: Number(text) };
  const label = /^v?(\d{1,6})\.(\d{1,6})$/.exec(text);
  if (label) return { kind: 'label', major: Number(label[1]), minor: Number(label[2]) };
  return undefined;
}

/** parseVersionSelector for client input: a VALIDATION_ERROR under `field` when it is not a reference. */
export function parseVersionReference(reference: number | string | null | undefined, field: string): VersionSelector {
  const selector = parseVersionSelector(reference);
  if (!selector) {
    throw errors.validation(`'${String(reference)}' is not a version reference.`, {
      [field]: ['use a version number such as 2, a label such as 1.1, latest or draft.'],
    });
  }
  return selector;
}

/** How a selector reads in a "not found" message. */
export function describeVersionSelector(selector: VersionSelector, reference: number | string | null | undefined): string {
  switch (selector.kind) {
    case 'number':
      return String(selector.version);
    case 'label':
      return `${selector.major}.${selector.minor}`;
    default:
      return String(reference ?? 'latest');
  }
}
