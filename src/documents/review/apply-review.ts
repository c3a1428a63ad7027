import type { ReviewField } from './review-fields.js';
import { checkValue, emptyObject, isPlainObject, joinPath, unknownField, type ReportProblem } from './review-values.js';

/** One change a reviewer asks for: the field at `path` gets `value`. */
export interface FieldEdit {
  path: string;
  value: unknown;
}

export interface ReviewChanges {
  /** Reviewed values by top-level field; fields left out keep their current value. */
  data?: Record<string, unknown>;
  /** Applied in order, after `data`. */
  edits?: FieldEdit[];
}

/**
 * Applies a review to a copy of the current output. Paths are field names joined by dots, with list
 * entries by 0-based index: `total_amount`, `statement_period.from`, `line_items.2.amount`
 * (`line_items[2].amount` is read the same). An index equal to the list's length appends an entry;
 * setting a list entry to null removes it (later edits see the shorter list).
 */
export function applyReview(current: Record<string, unknown>, fields: ReviewField[], changes: ReviewChanges, report: ReportProblem): Record<string, unknown> {
  const out = structuredClone(current);
  for (const [key, value] of Object.entries(changes.data ?? {})) {
    const field = fields.find((f) => f.name === key);
    if (!field) report(key, unknownField(key));
    else out[key] = checkValue(field, value, key, report);
  }
  for (const edit of changes.edits ?? []) applyEdit(out, fields, edit, report);
  return out;
}

/** `a.b[2].c` → ['a', 'b', '2', 'c'], or null when a segment is empty or reserved. */
export function parsePath(path: string): string[] | null {
  const segments = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  return segments.every((s) => s.trim() !== '' && s !== '__proto__') ? segments : null;
}

function applyEdit(root: Record<string, unknown>, fields: ReviewField[], edit: FieldEdit, report: ReportProblem): void {
  const segments = parsePath(edit.path);
  if (!segments) return report(edit.path, `'${edit.path}' is not a field path (use names and indexes joined by dots, e.g. line_items.0.amount).`);
  let field = fields.find((f) => f.name === segments[0]);
  if (!field) return report(edit.path, unknownField(segments[0]));
  // Walk down to the container that holds the last segment, creating objects the output lacks.
  let container: Record<string, unknown> | unknown[] = root;
  let key: string | number = segments[0];
  let at = segments[0];
  for (const segment of segments.slice(1)) {
    const here: unknown = (container as Record<string | number, unknown>)[key];
    const next = joinPath(at, segment);
    if (field.kind === 'object' || (field.kind === 'any' && !/^\d+$/.test(segment))) {
      const child: ReviewField | undefined =
        field.kind === 'any' || field.children.length === 0 ? { name: segment, kind: 'any', children: [] } : field.children.find((c) => c.name === segment);
      if (!child) return report(edit.path, unknownField(next));
      if (field.kind === 'any' && here !== undefined && here !== null && !isPlainObject(here)) {
        return report(edit.path, `Cannot set '${edit.path}': '${at}' is not an object.`);
      }
      const obj: Record<string, unknown> = isPlainObject(here) ? here : emptyObject(field.children);
      (container as Record<string | number, unknown>)[key] = obj;
      [container, key, field] = [obj, segment, child];
    } else if (field.kind === 'list_object' || field.kind === 'list_string' || field.kind === 'any') {
      if (!/^\d+$/.test(segment)) return report(edit.path, `Cannot set '${edit.path}': '${at}' is a list, so '${segment}' must be an entry's index.`);
      if (field.kind === 'any' && here !== undefined && here !== null && !Array.isArray(here)) {
        return report(edit.path, `Cannot set '${edit.path}': '${at}' is not a list.`);
      }
      const list = Array.isArray(here) ? here : [];
      const index = Number(segment);
      if (index > list.length) return report(edit.path, `Cannot set '${edit.path}': '${at}' has ${list.length} entries (index ${list.length} appends one).`);
      (container as Record<string | number, unknown>)[key] = list;
      const item: ReviewField =
        field.kind === 'list_object' ? { name: segment, kind: 'object', children: field.children } : { name: segment, kind: field.kind === 'any' ? 'any' : 'string', children: [] };
      [container, key, field] = [list, index, item];
    } else {
      return report(edit.path, `Cannot set '${edit.path}': '${at}' is a ${field.kind.replace('_', ' of ')} field, with no field '${segment}'.`);
    }
    at = next;
  }
  if (Array.isArray(container) && edit.value === null) {
    if (typeof key === 'number' && key < container.length) container.splice(key, 1);
    return;
  }
  (container as Record<string | number, unknown>)[key] = checkValue(field, edit.value, edit.path, report);
}
