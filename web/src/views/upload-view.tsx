import { useEffect, useRef, useState } from 'react';
import { FINAL_STATUSES, notifyParent, templateId, type Api, type ExtractionDetail, type Template } from '../api';
import { DocumentView } from './document-view';
import { ErrorBox, StatusBadge, useLoad } from './states';

interface Upload {
  key: string;
  file: File;
  uploaded: number;
  extractionId?: string;
  status: string;
  error?: string;
}

const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp';
const POLL_MS = 700;

/** `/embed`: drop or pick files, choose a template, watch each file's progress, open its result. */
export function UploadView({ api }: { api: Api }) {
  const templates = useLoad(() => api.embed<{ items: Template[] }>('GET', '/documents?limit=100'), [api]);
  const [templateChoice, setTemplateChoice] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const counter = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false; // stops the polling loops when the page is left
    };
  }, []);

  const update = (key: string, patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  async function poll(key: string, extractionId: string, fileName: string) {
    while (mounted.current) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      let detail: ExtractionDetail;
      try {
        detail = await api.embed<ExtractionDetail>('GET', `/extractions/${extractionId}`);
      } catch (err) {
        update(key, { error: err instanceof Error ? err.message : String(err) });
        continue;
      }
      update(key, { status: detail.status, error: detail.error ?? undefined });
      if (FINAL_STATUSES.includes(detail.status)) {
        notifyParent('extraction-complete', {
          extractionId,
          fileName,
          status: detail.status,
          documentId: detail.documentId,
          extractedData: detail.extractedData,
          error: detail.error,
        });
        return;
      }
    }
  }

  function start(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const key = `u${++counter.current}`;
      setUploads((list) => [...list, { key, file, uploaded: 0, status: 'uploading' }]);
      api
        .extract(file, templateChoice || null, (f) => update(key, { uploaded: f }))
        .then((res) => {
          update(key, { uploaded: 1, extractionId: res.extractionId, status: res.status });
          return poll(key, res.extractionId, file.name);
        })
        .catch((err: unknown) => update(key, { status: 'failed', error: err instanceof Error ? err.message : String(err) }));
    }
  }

  const openUpload = uploads.find((u) => u.key === open);
  useEffect(() => {
    if (openUpload?.extractionId) {
      void api.embed('GET', `/extractions/${openUpload.extractionId}`).then((d) => notifyParent('extraction-selected', d), () => undefined);
    }
  }, [api, openUpload?.extractionId]);

  if (openUpload?.extractionId) {
    return <DocumentView api={api} extractionId={openUpload.extractionId} onBack={() => setOpen(null)} />;
  }

  return (
    <section className="view" aria-labelledby="upload-title">
      <h1 id="upload-title">Extract data from documents</h1>
      <div className="row">
        <label className="grow">
          Template
          {templates.error ? (
            <ErrorBox error={templates.error} onRetry={templates.reload} />
          ) : (
            <select name="template" value={templateChoice} onChange={(e) => setTemplateChoice(e.target.value)} disabled={templates.loading}>
              <option value="">Automatic (invoice, receipt, bank statement)</option>
              {templates.data?.items.map((t) => (
                <option key={templateId(t)} value={templateId(t)}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </label>
      </div>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (e.dataTransfer.files.length) start(e.dataTransfer.files);
        }}
      >
        <p>Drop PDF, JPEG, PNG or WebP files here (10 MB each), or</p>
        <button type="button" className="btn btn-primary" onClick={() => input.current?.click()}>
          Choose files
        </button>
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          name="files"
          aria-label="Files to extract"
          accept={ACCEPT}
          multiple
          onChange={(e) => {
            if (e.target.files?.length) start(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      {uploads.length === 0 ? (
        <p className="state state-empty">No files yet. Results appear here as each file is processed.</p>
      ) : (
        <ul className="uploads" aria-label="Files" aria-live="polite">
          {uploads.map((u) => {
            const done = FINAL_STATUSES.includes(u.status);
            const pct = u.status === 'uploading' ? Math.round(u.uploaded * 50) : done ? 100 : u.status === 'extracting' || u.status === 'analyzed' ? 80 : 60;
            return (
              <li key={u.key} className="upload" data-status={u.status} data-filename={u.file.name}>
                <div className="upload-head">
                  <span className="filename">{u.file.name}</span>
                  <StatusBadge status={u.status} />
                </div>
                <progress max={100} value={pct} aria-label={`${u.file.name}: ${u.status}`} />
                {u.error && done ? <p className="error-text">{u.error}</p> : null}
                {done && u.extractionId ? (
                  <button type="button" className="btn btn-small" onClick={() => setOpen(u.key)}>
                    View result
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
