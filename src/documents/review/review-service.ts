import type { AuthContext } from '../../accounts/auth-context.js';
import type { Db } from '../../internal/db/database.js';
import type { DocumentRow } from '../../internal/db/schema.js';
import { errors } from '../../internal/errors/errors.js';
import { nowIso } from '../../internal/ids.js';
import type { TemplatesService } from '../../templates/templates-service.js';
import type { ExtractionsService } from '../extractions-service.js';
import { currentData, parseStoredResult, type StoredResult } from '../result-view.js';
import { applyReview, type ReviewChanges } from './apply-review.js';
import { diffOutput } from './diff-output.js';
import { resolveReviewFields } from './review-fields.js';

export interface ReviewDocumentInput extends ReviewChanges {
  extractionId: string;
  documentId: string;
}

/**
 * Human review of a completed document: the reviewed output is stored beside the engine's (inside
 * the document's result, as `review`), so the original stays available as `initial_output` and
 * results and exports serve the reviewed values. Reviewing again starts from the current reviewed
 * output; `edits` always compare with the initial one.
 */
export class ReviewService {
  private readonly db: Db;
  private readonly extractions: ExtractionsService;
  private readonly templates: TemplatesService;

  constructor(deps: { db: Db; extractions: ExtractionsService; templates: TemplatesService }) {
    this.db = deps.db;
    this.extractions = deps.extractions;
    this.templates = deps.templates;
  }

  async review(auth: AuthContext, input: ReviewDocumentInput): Promise<DocumentRow> {
    const { extraction } = await this.extractions.get(auth.tenantId, input.extractionId);
    // Two reviewers at once: each applies its changes to what it read and writes only if the result is
    // still that text, else reads again, so neither silently drops the other's changes.
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.extractions.getDocument(auth.tenantId, input.extractionId, input.documentId);
      const stored = doc.status === 'completed' ? parseStoredResult(doc) : null;
      if (!stored) throw errors.conflict(`The document '${doc.id}' is ${doc.status}; only a completed document can be reviewed.`);

      const fields = await resolveReviewFields(this.templates, extraction, doc, stored.data);
      const details: Record<string, string[]> = {};
      const reviewed = applyReview(currentData(stored), fields, input, (path, message) => (details[path] ??= []).push(message));
      const problems = Object.values(details);
      if (problems.length > 0) throw errors.validation(problems[0][0], details);

      const next: StoredResult = {
        ...stored,
        review: {
          data: reviewed,
          edits: diffOutput(stored.data, reviewed),
          reviewed_at: nowIso(),
          reviewed_by: { user_id: auth.userId, api_key_id: auth.apiKeyId },
        },
      };
      const updated = await this.db
        .updateTable('documents')
        .set({ result: JSON.stringify(next) })
        .where('id', '=', doc.id)
        .where('tenant_id', '=', auth.tenantId)
        .where('status', '=', 'completed')
        .where('result', '=', doc.result)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) return this.extractions.getDocument(auth.tenantId, input.extractionId, input.documentId);
    }
    throw errors.conflict('The document changed while it was being reviewed; send the review again.');
  }
}
