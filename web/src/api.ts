/** The credentials a page acts with: from the embed URL's query, or the dashboard's sign-in. */
export interface Session {
  apiKey: string;
  userEmail: string;
  appName: string | null;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface Pagination {
  page: number;
  limit: number;
  totalCount: number;
  totalPages: number;
  hasNextPage: boolean;
  hasPrevPage: boolean;
}

export interface TemplateField {
  id?: string;
  key: string;
  type: string;
  description: string;
  children?: TemplateField[];
}

export interface Template {
  _id?: string;
  id?: string;
  name: string;
  description: string;
  fields: TemplateField[];
  createdAt?: string;
}

export interface ExtractionSummary {
  id: string;
  fileName: string | null;
  fileType: string | null;
  fileSize: number | null;
  status: string;
  documentId: string | null;
  documentName?: string | null;
  source: string;
  appName: string | null;
  createdAt: string;
}

export interface ExtractionDetail extends ExtractionSummary {
  extractedData: Record<string, unknown> | null;
  error: string | null;
  pages: number | null;
}

export interface Citation {
  page: number;
  bbox: [number, number, number, number];
  text?: string;
}

export interface FieldResult {
  value: unknown;
  confidence: number;
  citations?: Citation[];
  edited?: boolean;
}

export interface NativeDocument {
  document_id: string;
  extraction_id: string;
  file_id: string | null;
  filename: string;
  status: string;
  stage: string | null;
  pages: number | null;
  document_type: string | null;
  parser?: { parser_id: string; version: number | null; version_label: string | null } | null;
  /** The tenant's template the document was matched to when it was submitted without one. */
  template_match?: { template_id: string; confidence: number | null } | null;
  data: Record<string, unknown> | null;
  fields: Record<string, FieldResult> | null;
  warnings: Array<{ code: string; message: string }>;
  initial_output: Record<string, unknown> | null;
  reviewed_output: Record<string, unknown> | null;
  reviewed: boolean;
  error: { code: string; message: string } | null;
}

export interface PageSize {
  page: number;
  width: number;
  height: number;
}

/** Embed statuses after which an extraction no longer changes. */
export const FINAL_STATUSES = ['completed', 'failed', 'analysis failed', 'extraction failed', 'cancelled'];

function headers(session: Session, json: boolean): Record<string, string> {
  const h: Record<string, string> = { 'X-API-Key': session.apiKey };
  if (session.userEmail) h['X-User-Email'] = session.userEmail;
  if (session.appName) h['X-App-Name'] = session.appName;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

async function errorOf(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: unknown };
    const e = body.error;
    if (typeof e === 'string') message = e;
    else if (e && typeof e === 'object' && 'message' in e) message = String((e as { message: unknown }).message);
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(message, res.status);
}

/** A small client over the embed API (`/api/embed`, `{data, error}` bodies) and the native API (`/v1`). */
export class Api {
  constructor(readonly session: Session) {}

  private async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(url, {
      method,
      headers: headers(this.session, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
    if (!res.ok) throw await errorOf(res);
    return (await res.json()) as T;
  }

  async embed<T>(method: string, path: string, body?: unknown): Promise<T> {
    const out = await this.request<{ data: T; error: unknown }>(method, `/api/embed${path}`, body);
    return out.data;
  }

  native<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, `/v1${path}`, body);
  }

  /** Uploads one file to /api/embed/extract, reporting upload progress (0..1). */
  extract(file: File, documentId: string | null, onProgress: (fraction: number) => void): Promise<{ extractionId: string; status: string }> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/embed/extract');
      for (const [k, v] of Object.entries(headers(this.session, false))) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onerror = () => reject(new ApiError('The upload failed: the server could not be reached.', 0));
      xhr.onload = () => {
        let body: { data?: { extractionId: string; status: string }; error?: { message?: string } | string } = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // keep empty
        }
        if (xhr.status >= 200 && xhr.status < 300 && body.data) resolve(body.data);
        else {
          const e = body.error;
          reject(new ApiError(typeof e === 'string' ? e : (e?.message ?? `Upload failed (${xhr.status})`), xhr.status));
        }
      };
      const form = new FormData();
      if (documentId) form.append('documentId', documentId);
      form.append('file', file, file.name);
      xhr.send(form);
    });
  }

  /** A page image as a blob: URL (an <img> cannot send the API key header). */
  async pageImage(fileId: string, page: number): Promise<string> {
    const res = await fetch(`/v1/files/${encodeURIComponent(fileId)}/pages/${page}.png`, { headers: headers(this.session, false), credentials: 'omit' });
    if (!res.ok) throw await errorOf(res);
    return URL.createObjectURL(await res.blob());
  }
}

export function templateId(t: Template): string {
  return t._id ?? t.id ?? '';
}

/** Sends an event to the page that embeds this one; frame-ancestors already limits who that can be. */
export function notifyParent(type: 'extraction-complete' | 'extraction-selected', data: unknown): void {
  if (window.parent !== window) window.parent.postMessage({ type, data }, '*');
}
