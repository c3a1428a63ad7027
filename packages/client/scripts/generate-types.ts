/**
 * Generates `src/openapi-types.ts` from docsift's `/openapi.json`: one entry per `/v1` operation with
 * its path parameters, query, JSON body and JSON responses. The client's public types are aliases into
 * this file, and test/client-openapi.test.ts fails when the committed file drifts from the server's
 * document (run it with DOCSIFT_UPDATE_OPENAPI_TYPES=1 to rewrite it).
 *
 * Pure function, no server import: usable against any running server's document.
 */

type Schema = Record<string, unknown>;

interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function refName(ref: string, doc: OpenApiDoc): string {
  const key = ref.replace('#/components/schemas/', '');
  const title = doc.components?.schemas?.[key]?.title;
  return typeof title === 'string' ? title : key.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_m, _s, c: string) => c.toUpperCase());
}

function propKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function toTs(schema: Schema | undefined, doc: OpenApiDoc, indent: string): string {
  if (!schema || Object.keys(schema).filter((k) => k !== 'description' && k !== 'title').length === 0) return 'unknown';
  const nullable = schema.nullable === true ? ' | null' : '';
  if (typeof schema.$ref === 'string') return refName(schema.$ref, doc) + nullable;
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union) return `(${union.map((s) => toTs(s, doc, indent)).join(' | ')})${nullable}`;
  if (Array.isArray(schema.enum)) return `(${schema.enum.map((v) => JSON.stringify(v)).join(' | ')})${nullable}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const) + nullable;
  const type = schema.type;
  if (Array.isArray(type)) return type.map((t) => toTs({ ...schema, type: t }, doc, indent)).join(' | ');
  switch (type) {
    case 'string':
      return 'string' + nullable;
    case 'integer':
    case 'number':
      return 'number' + nullable;
    case 'boolean':
      return 'boolean' + nullable;
    case 'null':
      return 'null';
    case 'array':
      return `Array<${toTs(schema.items as Schema | undefined, doc, indent)}>` + nullable;
    case 'object':
    case undefined: {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const inner = indent + '  ';
      const lines = Object.entries(props).map(([k, v]) => `${inner}${propKey(k)}${required.has(k) ? '' : '?'}: ${toTs(v, doc, inner)};`);
      const extra = schema.additionalProperties;
      if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${toTs(extra as Schema, doc, inner)};`);
      else if (lines.length === 0) return (type === 'object' ? 'Record<string, unknown>' : 'unknown') + nullable;
      return `{\n${lines.join('\n')}\n${indent}}` + nullable;
    }
    default:
      return 'unknown';
  }
}

function jsonContent(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema;
}

/** The component schemas that /v1 operations reference, directly or through other components. */
function referencedComponents(doc: OpenApiDoc): Set<string> {
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(doc.components?.schemas?.[name]);
        }
      } else visit(v);
    }
  };
  for (const [path, ops] of Object.entries(doc.paths)) if (path.startsWith('/v1/')) visit(ops);
  return used;
}

export function generateTypes(doc: OpenApiDoc): string {
  const out: string[] = [
    '// Generated from docsift /openapi.json by packages/client/scripts/generate-types.ts. Do not edit.',
    '// test/client-openapi.test.ts regenerates it and fails on drift (DOCSIFT_UPDATE_OPENAPI_TYPES=1 rewrites it).',
    '/* eslint-disable */',
    '',
  ];
  const used = referencedComponents(doc);
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (!used.has(name)) continue;
    out.push(`export type ${refName(`#/components/schemas/${name}`, doc)} = ${toTs(schema, doc, '')};`, '');
  }
  out.push('/** Every native operation, keyed by "METHOD /path/{param}". */', 'export interface Operations {');
  for (const [path, ops] of Object.entries(doc.paths).sort(([a], [b]) => a.localeCompare(b))) {
    if (!path.startsWith('/v1/')) continue;
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const i = '    ';
      const params = op.parameters ?? [];
      const section = (where: string) => {
        const ps = params.filter((p) => p.in === where);
        if (ps.length === 0) return 'never';
        return `{\n${ps.map((p) => `${i}  ${propKey(p.name)}${p.required ? '' : '?'}: ${toTs(p.schema, doc, i + '  ')};`).join('\n')}\n${i}}`;
      };
      const body = jsonContent(op.requestBody?.content);
      const responses = Object.entries(op.responses ?? {})
        .filter(([code]) => code.startsWith('2'))
        .map(([code, r]) => {
          const schema = jsonContent(r.content);
          const hasOther = Object.keys(r.content ?? {}).some((ct) => ct !== 'application/json');
          const ts = schema && !hasOther ? toTs(schema, doc, i + '  ') : 'unknown';
          return `${i}  ${code}: ${ts};`;
        });
      out.push(
        `  ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: {`,
        `${i}path: ${section('path')};`,
        `${i}query: ${section('query')};`,
        `${i}body: ${body ? toTs(body, doc, i) : 'never'};`,
        `${i}responses: {\n${responses.join('\n')}\n${i}};`,
        '  };',
      );
    }
  }
  out.push('}', '');
  return out.join('\n');
}
