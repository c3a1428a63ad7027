/**
 * What an upload can be made from: a local path (string or file: URL), an http(s) URL (downloaded by
 * the client, then uploaded), bytes (Buffer, Uint8Array, ArrayBuffer, Blob), a stream (web
 * ReadableStream or a Node Readable / any async iterable of chunks), or one of those with a name.
 * Streams are read into memory once, so a retried request can send the same bytes again.
 */
export type FileSource = string | URL | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;
export type FileInput = FileSource | { data: FileSource; filename?: string; contentType?: string };

export interface PreparedFile {
  blob: Blob;
  filename: string;
}

function isNamed(input: FileInput): input is { data: FileSource; filename?: string; contentType?: string } {
  return typeof input === 'object' && input !== null && 'data' in input && !(input instanceof Uint8Array) && !(input instanceof Blob);
}

function basename(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || 'document';
}

export async function prepareFile(input: FileInput, fetchImpl: typeof fetch, index = 0): Promise<PreparedFile> {
  const named = isNamed(input) ? input : { data: input };
  const { data } = named;
  let bytes: Uint8Array | Blob;
  let filename = named.filename;
  let contentType = named.contentType;
  if (typeof data === 'string' || (data instanceof URL && data.protocol === 'file:')) {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    const path = typeof data === 'string' ? data : fileURLToPath(data);
    bytes = new Uint8Array(await readFile(path));
    filename ??= basename(path);
  } else if (data instanceof URL) {
    const res = await fetchImpl(data);
    if (!res.ok) throw new Error(`could not download ${data.href}: HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
    contentType ??= res.headers.get('content-type') ?? undefined;
    filename ??= decodeURIComponent(basename(data.pathname)) || 'document';
  } else if (data instanceof Blob) {
    bytes = data;
    filename ??= 'name' in data && typeof data.name === 'string' ? data.name : undefined;
  } else if (data instanceof Uint8Array) {
    bytes = data;
  } else if (data instanceof ArrayBuffer) {
    bytes = new Uint8Array(data);
  } else if (typeof (data as ReadableStream).getReader === 'function') {
    bytes = new Uint8Array(await new Response(data as ReadableStream<Uint8Array>).arrayBuffer());
  } else if (Symbol.asyncIterator in (data as object)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of data as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    bytes = concat(chunks);
    const streamPath = (data as { path?: unknown }).path;
    if (typeof streamPath === 'string') filename ??= basename(streamPath);
  } else {
    throw new TypeError('unsupported file input: pass a path, URL, Buffer/Uint8Array, Blob, or stream');
  }
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>], contentType ? { type: contentType } : {});
  return { blob, filename: filename ?? `document-${index + 1}` };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
