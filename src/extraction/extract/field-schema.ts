/**
 * A template's fields in the one shape the engine reads, whatever form the caller used: typed
 * fields (`{fields: [...]}` or a bare array), a JSON Schema (`{schema: {...}}`, a `json_schema`
 * definition or the schema itself), or custom fields given by name only (`["vat_number"]`).
 */
export type FieldKind = 'string' | 'number' | 'boolean' | 'date' | 'object' | 'list_string' | 'list_object';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  description: string;
  children: FieldSpec[];
}

const TYPE_NAMES: Record<string, FieldKind> = {
  string: 'string', text: 'string', number: 'number', integer: 'number', float: 'number', currency: 'number', money: 'number',
  boolean: 'boolean', bool: 'boolean', date: 'date', datetime: 'date', object: 'object',
  'list<string>': 'list_string', 'list<object>': 'list_object', list: 'list_string', array: 'list_string',
};

function fromFieldDef(raw: unknown): FieldSpec | null {
  if (typeof raw === 'string') return raw.trim() ? { name: raw.trim(), kind: 'string', description: '', children: [] } : null;
  if (!raw || typeof raw !== 'object') return null;
  const f = raw as { name?: unknown; key?: unknown; type?: unknown; description?: unknown; children?: unknown; fields?: unknown };
  const name = typeof f.name === 'string' ? f.name : typeof f.key === 'string' ? f.key : null;
  if (!name) return null;
  const children = Array.isArray(f.children) ? f.children : Array.isArray(f.fields) ? f.fields : [];
  const typeName = typeof f.type === 'string' ? f.type.toLowerCase().replace(/\s+/g, '') : 'string';
  let kind = TYPE_NAMES[typeName] ?? 'string';
  if (kind === 'list_string' && children.length) kind = 'list_object';
  return {
    name,
    kind,
    description: typeof f.description === 'string' ? f.description : '',
    children: children.map(fromFieldDef).filter((c): c is FieldSpec => c !== null),
  };
}

interface JsonNode {
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  anyOf?: JsonNode[];
}

function fromJsonSchema(name: string, node: JsonNode): FieldSpec {
  const alternatives = node.anyOf?.filter((n) => n.type !== 'null') ?? [];
  const n: JsonNode = alternatives.length === 1 ? { ...alternatives[0], description: node.description ?? alternatives[0].description } : node;
  const types = (Array.isArray(n.type) ? n.type : [n.type]).filter((t) => t && t !== 'null');
  const t = types[0] ?? (n.properties ? 'object' : 'string');
  const description = n.description ?? '';
  if (t === 'object') return { name, kind: 'object', description, children: jsonChildren(n) };
  if (t === 'array') {
    const items = n.items ?? {};
    const itemType = Array.isArray(items.type) ? items.type.find((x) => x !== 'null') : items.type;
    if (itemType === 'object' || items.properties) return { name, kind: 'list_object', description, children: jsonChildren(items) };
    return { name, kind: 'list_string', description, children: [] };
  }
  if (t === 'number' || t === 'integer') return { name, kind: 'number', description, children: [] };
  if (t === 'boolean') return { name, kind: 'boolean', description, children: [] };
  if (n.format === 'date' || n.format === 'date-time') return { name, kind: 'date', description, children: [] };
  return { name, kind: 'string', description, children: [] };
}

function jsonChildren(node: JsonNode): FieldSpec[] {
  return Object.entries(node.properties ?? {}).map(([k, v]) => fromJsonSchema(k, v ?? {}));
}

export function normalizeFieldSpecs(input: unknown): FieldSpec[] {
  if (Array.isArray(input)) return input.map(fromFieldDef).filter((f): f is FieldSpec => f !== null);
  if (!input || typeof input !== 'object') return [];
  const obj = input as { fields?: unknown; schema?: unknown; properties?: unknown; format?: string };
  if (Array.isArray(obj.fields)) return normalizeFieldSpecs(obj.fields);
  if (obj.schema && typeof obj.schema === 'object') return jsonChildren(obj.schema as JsonNode);
  if (obj.properties) return jsonChildren(obj as JsonNode);
  return [];
}
