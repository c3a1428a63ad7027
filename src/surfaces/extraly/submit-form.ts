import type { AuthContext } from '../../accounts/auth-context.js';
import type { SubmitInput } from '../../documents/submit-input.js';
import { type IncomingFile, sniffIncoming } from '../../documents/files-service.js';
import { formJson, formValue, type SubmittedForm } from '../../internal/web/form-fields.js';
import { AppError } from '../../internal/errors/app-error.js';
import { errors } from '../../internal/errors/errors.js';
import { EXTRALY_METADATA_KEY, type ExtralyAttributes } from './document-view.js';
import type { SigningKeyVault } from './signing-key-vault.js';

/**
 * Translates Extraly's multipart form into a core submission: exactly one `document` (or `file`),
 * detection_type, custom_fields and metadata as JSON strings, webhook_url or its alias callback_url.
 * The webhook target and the sealed signing key travel in the extraction's metadata under a reserved
 * key, so they are written in the same transaction as the extraction (a fast document cannot finish
 * before its webhook is known).
 */
export function extralySubmitInput(form: SubmittedForm<IncomingFile>, options: { auth: AuthContext; apiKey: string; vault: SigningKeyVault }): SubmitInput {
  if (form.files.length === 0) {
    throw errors.validation('The document field is required.', { document: ['The document field is required.'] });
  }
  if (form.files.length > 1) {
    throw errors.validation('Send one file per document: either document or file.', { document: ['Only one file may be sent per request.'] });
  }
  const metadata = formJson(form, 'metadata') ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw errors.validation('The metadata field must be a JSON object.', { metadata: ['The metadata field must be a JSON object.'] });
  }
  const { [EXTRALY_METADATA_KEY]: _reserved, ...own } = metadata as Record<string, unknown>;
  const webhookUrl = formValue(form, 'webhook_url') || formValue(form, 'callback_url') || undefined;
  if (webhookUrl !== undefined && !isHttpUrl(webhookUrl)) {
    const field = formValue(form, 'webhook_url') ? 'webhook_url' : 'callback_url';
    throw errors.validation(`The ${field} must be a valid URL.`, { [field]: [`The ${field} must be a valid URL.`] });
  }
  const extraly: ExtralyAttributes | undefined = webhookUrl
    ? { webhook_url: webhookUrl, signing_key: options.vault.seal(options.apiKey, options.auth.apiKeyId) }
    : undefined;
  return {
    files: form.files,
    detectionType: formValue(form, 'detection_type') || undefined,
    customFields: extralyCustomFields(formValue(form, 'custom_fields')),
    metadata: own,
    reservedMetadata: extraly ? { [EXTRALY_METADATA_KEY]: extraly } : undefined,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The docs: "custom_fields JSON string No A JSON array of custom field names to extract, e.g.
 * ["vat_number","po_number"]". Anything else (not JSON, not an array, an entry that is not a
 * non-empty name) is a 400 VALIDATION_ERROR naming the field; the native API also takes typed
 * field definitions and comma-separated names.
 */
export function extralyCustomFields(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const refuse = (problem: string): never => {
    throw errors.validation(`The custom_fields field must be a JSON array of field names: ${problem}`, {
      custom_fields: [`The custom_fields field must be a JSON array of field names, e.g. ["vat_number","po_number"]: ${problem}`],
    });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return refuse('it is not valid JSON.');
  }
  if (!Array.isArray(parsed)) return refuse(`got ${parsed === null ? 'null' : typeof parsed}.`);
  parsed.forEach((name, i) => {
    if (typeof name !== 'string' || name.trim() === '') refuse(`entry ${i} is not a field name.`);
  });
  return parsed as string[];
}

/** The docs: "Supported formats: PDF, PNG, JPG, JPEG, TIFF, WEBP". Text and Word files are refused with 415 here (the native API takes them). */
const EXTRALY_MEDIA_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'image/webp']);

export async function checkExtralyFormat(files: readonly IncomingFile[]): Promise<void> {
  for (const file of files) {
    const format = await sniffIncoming(file);
    if (!format.supported || !EXTRALY_MEDIA_TYPES.has(format.mediaType)) {
      const detected = format.supported ? format.mediaType : format.detected;
      throw new AppError(
        'UNSUPPORTED_FORMAT',
        `The file '${file.filename}' is ${detected ? `a ${detected} file` : 'of an unrecognized format'}; supported formats are PDF, PNG, JPG, JPEG, TIFF and WEBP.`,
        { detected_type: detected ?? null },
      );
    }
  }
}
