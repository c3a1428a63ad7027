import type { DocumentModel } from '../model/document.js';
import { extractBankStatement } from '../document-types/bank-statement.js';
import { extractInvoice } from '../document-types/invoice.js';
import { extractReceipt } from '../document-types/receipt.js';
import { createContext, type ExtractionContext, type FieldValue } from './context.js';

export type BuiltInType = 'invoice' | 'receipt' | 'bank_statement';

export function extractBuiltIn(type: BuiltInType, ctx: ExtractionContext): Record<string, FieldValue> {
  if (type === 'invoice') return extractInvoice(ctx);
  if (type === 'receipt') return extractReceipt(ctx);
  return extractBankStatement(ctx);
}

export { createContext };
export type { DocumentModel };
