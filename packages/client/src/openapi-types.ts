// Generated from docsift /openapi.json by packages/client/scripts/generate-types.ts. Do not edit.
// test/client-openapi.test.ts regenerates it and fails on drift (DOCSIFT_UPDATE_OPENAPI_TYPES=1 rewrites it).
/* eslint-disable */

export type ParserFieldInput = {
  name: string;
  type: string;
  description?: string | null;
  required?: boolean;
  children?: Array<ParserFieldInput>;
};

export type ParserField = {
  name: string;
  type: ("String" | "Number" | "Boolean" | "Date" | "Object" | "List<String>" | "List<Object>");
  description?: string;
  required?: boolean;
  children?: Array<ParserField>;
};

/** Every native operation, keyed by "METHOD /path/{param}". */
export interface Operations {
  "GET /v1/admin/tenants/{tenant_id}": {
    path: {
      tenant_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        tenant: {
          tenant_id: string;
          name: string;
          credits_balance: number | null;
          webhook_secret: string | null;
          created_at: string;
        };
      };
    };
  };
  "POST /v1/admin/tenants/{tenant_id}/api-keys": {
    path: {
      tenant_id: string;
    };
    query: never;
    body: {
      name?: string;
      email?: string;
    };
    responses: {
      201: {
        api_key: {
          api_key_id: string;
          name: string;
          prefix: string;
          active: boolean;
          expires_at: string | null;
          allowed_domains: Array<string>;
          usage_count: number;
          last_used_at: string | null;
          user_id: string | null;
          created_at: string;
          key: string;
        };
      };
    };
  };
  "PUT /v1/admin/tenants/{tenant_id}/credits": {
    path: {
      tenant_id: string;
    };
    query: never;
    body: {
      balance: number | null;
    };
    responses: {
      200: {
        tenant: {
          tenant_id: string;
          name: string;
          credits_balance: number | null;
          webhook_secret: string | null;
          created_at: string;
        };
      };
    };
  };
  "GET /v1/api-keys": {
    path: never;
    query: never;
    body: never;
    responses: {
      200: {
        api_keys: Array<{
          api_key_id: string;
          name: string;
          prefix: string;
          active: boolean;
          expires_at: string | null;
          allowed_domains: Array<string>;
          usage_count: number;
          last_used_at: string | null;
          user_id: string | null;
          created_at: string;
        }>;
      };
    };
  };
  "POST /v1/api-keys": {
    path: never;
    query: never;
    body: {
      name: string;
      expires_at?: string | null;
      allowed_domains?: Array<string>;
    };
    responses: {
      201: {
        api_key: {
          api_key_id: string;
          name: string;
          prefix: string;
          active: boolean;
          expires_at: string | null;
          allowed_domains: Array<string>;
          usage_count: number;
          last_used_at: string | null;
          user_id: string | null;
          created_at: string;
          key: string;
        };
      };
    };
  };
  "GET /v1/api-keys/{api_key_id}": {
    path: {
      api_key_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        api_key: {
          api_key_id: string;
          name: string;
          prefix: string;
          active: boolean;
          expires_at: string | null;
          allowed_domains: Array<string>;
          usage_count: number;
          last_used_at: string | null;
          user_id: string | null;
          created_at: string;
        };
      };
    };
  };
  "PATCH /v1/api-keys/{api_key_id}": {
    path: {
      api_key_id: string;
    };
    query: never;
    body: {
      name?: string;
      active?: boolean;
      expires_at?: string | null;
      allowed_domains?: Array<string>;
    };
    responses: {
      200: {
        api_key: {
          api_key_id: string;
          name: string;
          prefix: string;
          active: boolean;
          expires_at: string | null;
          allowed_domains: Array<string>;
          usage_count: number;
          last_used_at: string | null;
          user_id: string | null;
          created_at: string;
        };
      };
    };
  };
  "DELETE /v1/api-keys/{api_key_id}": {
    path: {
      api_key_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        api_key_id: string;
      };
    };
  };
  "POST /v1/auth/token": {
    path: never;
    query: never;
    body: {
      email: string;
    };
    responses: {
      200: {
        data: {
          access_token: string;
          token_type: ("Bearer");
          expires_in: number;
        };
      };
    };
  };
  "GET /v1/evaluation-runs/{run_id}": {
    path: {
      run_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        evaluation_run: {
          evaluation_run_id: string;
          evaluation_set_id: string;
          status: string;
          extraction_id: string | null;
          parser_id: string | null;
          parser_version: number | null;
          parser_version_label: string | null;
          mode: string | null;
          detection_type: string | null;
          progress: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          created_at: string;
          completed_at: string | null;
          summary: {
            overall_f1: number;
            overall_scalar_f1: number;
            fields: Array<{
              field: string;
              kind: string;
              gold: number;
              tp: number;
              fp: number;
              fn: number;
              precision: number;
              recall: number;
              f1: number;
              accuracy: number;
              cells_correct?: number;
              cells_total?: number;
            }>;
            calibration: Array<{
              min: number;
              max: number;
              values: number;
              correct: number;
              accuracy: number | null;
            }>;
            not_returned: number;
            items: {
              total: number;
              completed: number;
              failed: number;
            };
            pages: number;
            ms_per_page: number | null;
          } | null;
          results: Array<{
            item_id: string;
            filename: string | null;
            document_id: string | null;
            status: string;
            pages: number | null;
            duration_ms: number | null;
            fields: Array<{
              field: string;
              kind: string;
              gold: number;
              tp: number;
              fp: number;
              fn: number;
              cells_correct?: number;
              cells_total?: number;
              confidence?: number | null;
              expected: unknown;
              predicted: unknown;
            }>;
          }>;
        };
      };
    };
  };
  "GET /v1/evaluation-runs/{run_id}/compare/{other_run_id}": {
    path: {
      run_id: string;
      other_run_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        comparison: {
          a: {
            evaluation_run_id: string;
            evaluation_set_id: string;
            status: string;
            extraction_id: string | null;
            parser_id: string | null;
            parser_version: number | null;
            parser_version_label: string | null;
            mode: string | null;
            detection_type: string | null;
            progress: {
              total: number;
              queued: number;
              processing: number;
              completed: number;
              failed: number;
              cancelled: number;
            };
            created_at: string;
            completed_at: string | null;
          };
          b: {
            evaluation_run_id: string;
            evaluation_set_id: string;
            status: string;
            extraction_id: string | null;
            parser_id: string | null;
            parser_version: number | null;
            parser_version_label: string | null;
            mode: string | null;
            detection_type: string | null;
            progress: {
              total: number;
              queued: number;
              processing: number;
              completed: number;
              failed: number;
              cancelled: number;
            };
            created_at: string;
            completed_at: string | null;
          };
          overall: {
            a_f1: number;
            b_f1: number;
            delta_f1: number;
          };
          better: Array<string>;
          worse: Array<string>;
          fields: Array<{
            field: string;
            kind: string;
            a: {
              f1: number;
              accuracy: number;
            } | null;
            b: {
              f1: number;
              accuracy: number;
            } | null;
            delta_f1: number | null;
            delta_accuracy: number | null;
            change: (("better") | ("worse") | ("same"));
          }>;
          items: Array<{
            item_id: string;
            filename: string;
            better: Array<string>;
            worse: Array<string>;
          }>;
        };
      };
    };
  };
  "GET /v1/evaluation-sets": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
    };
    body: never;
    responses: {
      200: {
        evaluation_sets: Array<{
          evaluation_set_id: string;
          name: string;
          description: string | null;
          parser_id: string | null;
          document_type: string | null;
          item_count: number;
          created_at: string;
          updated_at: string;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/evaluation-sets": {
    path: never;
    query: never;
    body: {
      name: string;
      description?: string | null;
      parser_id?: string | null;
      document_type?: string | null;
    };
    responses: {
      201: {
        evaluation_set: {
          evaluation_set_id: string;
          name: string;
          description: string | null;
          parser_id: string | null;
          document_type: string | null;
          item_count: number;
          created_at: string;
          updated_at: string;
          items: Array<{
            item_id: string;
            file_id: string;
            filename: string;
            expected: {
              [key: string]: unknown;
            };
            source_document_id: string | null;
            source_extraction_id: string | null;
            created_at: string;
          }>;
        };
      };
    };
  };
  "GET /v1/evaluation-sets/{set_id}": {
    path: {
      set_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        evaluation_set: {
          evaluation_set_id: string;
          name: string;
          description: string | null;
          parser_id: string | null;
          document_type: string | null;
          item_count: number;
          created_at: string;
          updated_at: string;
          items: Array<{
            item_id: string;
            file_id: string;
            filename: string;
            expected: {
              [key: string]: unknown;
            };
            source_document_id: string | null;
            source_extraction_id: string | null;
            created_at: string;
          }>;
        };
      };
    };
  };
  "DELETE /v1/evaluation-sets/{set_id}": {
    path: {
      set_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        evaluation_set_id: string;
      };
    };
  };
  "POST /v1/evaluation-sets/{set_id}/items": {
    path: {
      set_id: string;
    };
    query: never;
    body: {
      document_id?: string;
      file_id?: string;
      expected?: {
        [key: string]: unknown;
      };
    };
    responses: {
      201: {
        item: {
          item_id: string;
          file_id: string;
          filename: string;
          expected: {
            [key: string]: unknown;
          };
          source_document_id: string | null;
          source_extraction_id: string | null;
          created_at: string;
        };
      };
    };
  };
  "DELETE /v1/evaluation-sets/{set_id}/items/{item_id}": {
    path: {
      set_id: string;
      item_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        item_id: string;
      };
    };
  };
  "GET /v1/evaluation-sets/{set_id}/runs": {
    path: {
      set_id: string;
    };
    query: {
      page?: number;
      per_page?: number;
    };
    body: never;
    responses: {
      200: {
        evaluation_runs: Array<{
          evaluation_run_id: string;
          evaluation_set_id: string;
          status: string;
          extraction_id: string | null;
          parser_id: string | null;
          parser_version: number | null;
          parser_version_label: string | null;
          mode: string | null;
          detection_type: string | null;
          progress: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          created_at: string;
          completed_at: string | null;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/evaluation-sets/{set_id}/runs": {
    path: {
      set_id: string;
    };
    query: never;
    body: {
      parser_id?: string | null;
      parser_version?: (number | string);
      mode?: string | null;
    };
    responses: {
      202: {
        evaluation_run: {
          evaluation_run_id: string;
          evaluation_set_id: string;
          status: string;
          extraction_id: string | null;
          parser_id: string | null;
          parser_version: number | null;
          parser_version_label: string | null;
          mode: string | null;
          detection_type: string | null;
          progress: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          created_at: string;
          completed_at: string | null;
          summary: {
            overall_f1: number;
            overall_scalar_f1: number;
            fields: Array<{
              field: string;
              kind: string;
              gold: number;
              tp: number;
              fp: number;
              fn: number;
              precision: number;
              recall: number;
              f1: number;
              accuracy: number;
              cells_correct?: number;
              cells_total?: number;
            }>;
            calibration: Array<{
              min: number;
              max: number;
              values: number;
              correct: number;
              accuracy: number | null;
            }>;
            not_returned: number;
            items: {
              total: number;
              completed: number;
              failed: number;
            };
            pages: number;
            ms_per_page: number | null;
          } | null;
          results: Array<{
            item_id: string;
            filename: string | null;
            document_id: string | null;
            status: string;
            pages: number | null;
            duration_ms: number | null;
            fields: Array<{
              field: string;
              kind: string;
              gold: number;
              tp: number;
              fp: number;
              fn: number;
              cells_correct?: number;
              cells_total?: number;
              confidence?: number | null;
              expected: unknown;
              predicted: unknown;
            }>;
          }>;
        };
      };
    };
  };
  "GET /v1/extractions": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
      status?: (("queued") | ("processing") | ("completed") | ("failed") | ("partial") | ("cancelled"));
      detection_type?: string;
      parser_id?: string;
      matched_parser_id?: string;
      created_after?: string;
      created_before?: string;
      filename?: string;
      sort?: (("created_at") | ("updated_at") | ("status"));
      order?: (("asc") | ("desc"));
    };
    body: never;
    responses: {
      200: {
        extractions: Array<{
          extraction_id: string;
          status: string;
          parser_id: string | null;
          parser_version: number | null;
          detection_type: string;
          custom_fields: Array<unknown> | null;
          metadata: {
            [key: string]: unknown;
          };
          webhook_url: string | null;
          page_ranges: string | null;
          priority: number;
          extraction_mode: string | null;
          document_counts: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          pages: number;
          documents: Array<{
            document_id: string;
            filename: string;
            status: string;
            stage: string | null;
            pages: number | null;
            document_type: string | null;
            template_match: {
              template_id: string;
              confidence: number | null;
            } | null;
            error: {
              code: string;
              message: string;
              reason: string | null;
            } | null;
          }>;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/extractions": {
    path: never;
    query: never;
    body: {
      file_ids?: Array<string>;
      urls?: Array<string>;
      text?: string;
      parser_id?: string;
      parser_version?: (number | string);
      detection_type?: string;
      custom_fields?: Array<(string | {
        name: string;
      })>;
      webhook_url?: string;
      metadata?: {
        [key: string]: unknown;
      };
      page_ranges?: string;
      priority?: number;
      extraction_mode?: ("local" | "llm" | "hybrid");
    };
    responses: {
      202: {
        extraction: {
          extraction_id: string;
          status: string;
          parser_id: string | null;
          parser_version: number | null;
          detection_type: string;
          custom_fields: Array<unknown> | null;
          metadata: {
            [key: string]: unknown;
          };
          webhook_url: string | null;
          page_ranges: string | null;
          priority: number;
          extraction_mode: string | null;
          document_counts: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          pages: number;
          documents: Array<{
            document_id: string;
            filename: string;
            status: string;
            stage: string | null;
            pages: number | null;
            document_type: string | null;
            template_match: {
              template_id: string;
              confidence: number | null;
            } | null;
            error: {
              code: string;
              message: string;
              reason: string | null;
            } | null;
          }>;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
      };
    };
  };
  "GET /v1/extractions/{extraction_id}": {
    path: {
      extraction_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        extraction: {
          extraction_id: string;
          status: string;
          parser_id: string | null;
          parser_version: number | null;
          detection_type: string;
          custom_fields: Array<unknown> | null;
          metadata: {
            [key: string]: unknown;
          };
          webhook_url: string | null;
          page_ranges: string | null;
          priority: number;
          extraction_mode: string | null;
          document_counts: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          pages: number;
          documents: Array<{
            document_id: string;
            filename: string;
            status: string;
            stage: string | null;
            pages: number | null;
            document_type: string | null;
            template_match: {
              template_id: string;
              confidence: number | null;
            } | null;
            error: {
              code: string;
              message: string;
              reason: string | null;
            } | null;
          }>;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
      };
    };
  };
  "DELETE /v1/extractions/{extraction_id}": {
    path: {
      extraction_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        extraction_id: string;
      };
    };
  };
  "POST /v1/extractions/{extraction_id}/cancel": {
    path: {
      extraction_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        extraction: {
          extraction_id: string;
          status: string;
          parser_id: string | null;
          parser_version: number | null;
          detection_type: string;
          custom_fields: Array<unknown> | null;
          metadata: {
            [key: string]: unknown;
          };
          webhook_url: string | null;
          page_ranges: string | null;
          priority: number;
          extraction_mode: string | null;
          document_counts: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          pages: number;
          documents: Array<{
            document_id: string;
            filename: string;
            status: string;
            stage: string | null;
            pages: number | null;
            document_type: string | null;
            template_match: {
              template_id: string;
              confidence: number | null;
            } | null;
            error: {
              code: string;
              message: string;
              reason: string | null;
            } | null;
          }>;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
      };
    };
  };
  "GET /v1/extractions/{extraction_id}/documents/{document_id}": {
    path: {
      extraction_id: string;
      document_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        document: {
          document_id: string;
          extraction_id: string;
          file_id: string;
          filename: string;
          status: string;
          stage: string | null;
          pages: number | null;
          document_type: string | null;
          document_type_confidence: number | null;
          parser: {
            parser_id: string;
            version: number | null;
            version_label: string | null;
          } | null;
          template_match: {
            template_id: string;
            confidence: number | null;
          } | null;
          data: {
            [key: string]: unknown;
          } | null;
          fields: {
            [key: string]: unknown;
          } | null;
          warnings: Array<{
            code: string;
            message: string;
          }>;
          initial_output: {
            [key: string]: unknown;
          } | null;
          reviewed_output: {
            [key: string]: unknown;
          } | null;
          reviewed: boolean;
          edited: boolean;
          edits: Array<{
            path: string;
            before: unknown;
            after: unknown;
          }>;
          reviewed_at: string | null;
          error: {
            code: string;
            message: string;
            reason: string | null;
          } | null;
          attempts: number;
          created_at: string;
          started_at: string | null;
          completed_at: string | null;
        };
      };
    };
  };
  "GET /v1/extractions/{extraction_id}/documents/{document_id}/export": {
    path: {
      extraction_id: string;
      document_id: string;
    };
    query: {
      format?: (("json") | ("csv") | ("xlsx") | ("xml"));
    };
    body: never;
    responses: {
      200: unknown;
    };
  };
  "POST /v1/extractions/{extraction_id}/documents/{document_id}/retry": {
    path: {
      extraction_id: string;
      document_id: string;
    };
    query: never;
    body: never;
    responses: {
      202: {
        extraction: {
          extraction_id: string;
          status: string;
          parser_id: string | null;
          parser_version: number | null;
          detection_type: string;
          custom_fields: Array<unknown> | null;
          metadata: {
            [key: string]: unknown;
          };
          webhook_url: string | null;
          page_ranges: string | null;
          priority: number;
          extraction_mode: string | null;
          document_counts: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          pages: number;
          documents: Array<{
            document_id: string;
            filename: string;
            status: string;
            stage: string | null;
            pages: number | null;
            document_type: string | null;
            template_match: {
              template_id: string;
              confidence: number | null;
            } | null;
            error: {
              code: string;
              message: string;
              reason: string | null;
            } | null;
          }>;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
      };
    };
  };
  "PUT /v1/extractions/{extraction_id}/documents/{document_id}/review": {
    path: {
      extraction_id: string;
      document_id: string;
    };
    query: never;
    body: {
      data?: {
        [key: string]: unknown;
      };
      edits?: Array<{
        path: string;
        value: unknown;
      }>;
    };
    responses: {
      200: {
        document: {
          document_id: string;
          extraction_id: string;
          file_id: string;
          filename: string;
          status: string;
          stage: string | null;
          pages: number | null;
          document_type: string | null;
          document_type_confidence: number | null;
          parser: {
            parser_id: string;
            version: number | null;
            version_label: string | null;
          } | null;
          template_match: {
            template_id: string;
            confidence: number | null;
          } | null;
          data: {
            [key: string]: unknown;
          } | null;
          fields: {
            [key: string]: unknown;
          } | null;
          warnings: Array<{
            code: string;
            message: string;
          }>;
          initial_output: {
            [key: string]: unknown;
          } | null;
          reviewed_output: {
            [key: string]: unknown;
          } | null;
          reviewed: boolean;
          edited: boolean;
          edits: Array<{
            path: string;
            before: unknown;
            after: unknown;
          }>;
          reviewed_at: string | null;
          error: {
            code: string;
            message: string;
            reason: string | null;
          } | null;
          attempts: number;
          created_at: string;
          started_at: string | null;
          completed_at: string | null;
        };
      };
    };
  };
  "GET /v1/extractions/{extraction_id}/export": {
    path: {
      extraction_id: string;
    };
    query: {
      format?: (("json") | ("csv") | ("xlsx") | ("xml"));
    };
    body: never;
    responses: {
      200: unknown;
    };
  };
  "GET /v1/extractions/{extraction_id}/results": {
    path: {
      extraction_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        extraction: {
          extraction_id: string;
          status: string;
          parser_id: string | null;
          parser_version: number | null;
          detection_type: string;
          custom_fields: Array<unknown> | null;
          metadata: {
            [key: string]: unknown;
          };
          webhook_url: string | null;
          page_ranges: string | null;
          priority: number;
          extraction_mode: string | null;
          document_counts: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          pages: number;
          documents: Array<{
            document_id: string;
            filename: string;
            status: string;
            stage: string | null;
            pages: number | null;
            document_type: string | null;
            template_match: {
              template_id: string;
              confidence: number | null;
            } | null;
            error: {
              code: string;
              message: string;
              reason: string | null;
            } | null;
          }>;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
        documents: Array<{
          document_id: string;
          extraction_id: string;
          file_id: string;
          filename: string;
          status: string;
          stage: string | null;
          pages: number | null;
          document_type: string | null;
          document_type_confidence: number | null;
          parser: {
            parser_id: string;
            version: number | null;
            version_label: string | null;
          } | null;
          template_match: {
            template_id: string;
            confidence: number | null;
          } | null;
          data: {
            [key: string]: unknown;
          } | null;
          fields: {
            [key: string]: unknown;
          } | null;
          warnings: Array<{
            code: string;
            message: string;
          }>;
          initial_output: {
            [key: string]: unknown;
          } | null;
          reviewed_output: {
            [key: string]: unknown;
          } | null;
          reviewed: boolean;
          edited: boolean;
          edits: Array<{
            path: string;
            before: unknown;
            after: unknown;
          }>;
          reviewed_at: string | null;
          error: {
            code: string;
            message: string;
            reason: string | null;
          } | null;
          attempts: number;
          created_at: string;
          started_at: string | null;
          completed_at: string | null;
        }>;
      };
    };
  };
  "POST /v1/extractions/{extraction_id}/retry": {
    path: {
      extraction_id: string;
    };
    query: never;
    body: never;
    responses: {
      202: {
        extraction: {
          extraction_id: string;
          status: string;
          parser_id: string | null;
          parser_version: number | null;
          detection_type: string;
          custom_fields: Array<unknown> | null;
          metadata: {
            [key: string]: unknown;
          };
          webhook_url: string | null;
          page_ranges: string | null;
          priority: number;
          extraction_mode: string | null;
          document_counts: {
            total: number;
            queued: number;
            processing: number;
            completed: number;
            failed: number;
            cancelled: number;
          };
          pages: number;
          documents: Array<{
            document_id: string;
            filename: string;
            status: string;
            stage: string | null;
            pages: number | null;
            document_type: string | null;
            template_match: {
              template_id: string;
              confidence: number | null;
            } | null;
            error: {
              code: string;
              message: string;
              reason: string | null;
            } | null;
          }>;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
      };
    };
  };
  "GET /v1/files": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
    };
    body: never;
    responses: {
      200: {
        files: Array<{
          file_id: string;
          filename: string;
          media_type: string;
          size: number;
          sha256: string;
          pages: number | null;
          created_at: string;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/files": {
    path: never;
    query: never;
    body: never;
    responses: {
      201: {
        file: {
          file_id: string;
          filename: string;
          media_type: string;
          size: number;
          sha256: string;
          pages: number | null;
          created_at: string;
        };
      };
    };
  };
  "GET /v1/files/{file_id}": {
    path: {
      file_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        file: {
          file_id: string;
          filename: string;
          media_type: string;
          size: number;
          sha256: string;
          pages: number | null;
          created_at: string;
        };
      };
    };
  };
  "DELETE /v1/files/{file_id}": {
    path: {
      file_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        file_id: string;
      };
    };
  };
  "GET /v1/files/{file_id}/content": {
    path: {
      file_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: unknown;
    };
  };
  "GET /v1/files/{file_id}/pages": {
    path: {
      file_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        file_id: string;
        pages: Array<{
          page: number;
          width: number;
          height: number;
        }>;
      };
    };
  };
  "GET /v1/files/{file_id}/pages/{page}": {
    path: {
      file_id: string;
      page: string;
    };
    query: never;
    body: never;
    responses: {
      200: unknown;
    };
  };
  "POST /v1/onboard": {
    path: never;
    query: never;
    body: {
      organizationName: string;
      firstName: string;
      lastName: string;
      email: string;
      apiKeyName?: string;
      allowedDomains?: Array<string>;
      hasExpiry?: boolean;
      expiryDays?: number;
      appName?: string;
    };
    responses: {
      201: {
        data: {
          message: string;
          tenant: {
            id: string;
            name: string;
          };
          user: {
            id: string;
            firstName: string | null;
            lastName: string | null;
            email: string;
            role: string;
            isExistingUser: boolean;
          };
          apiKey: {
            id: string;
            name: string;
            key: string;
            expiresAt: string | null;
            allowedDomains: Array<string>;
          };
        };
        error: (null) | null;
      };
    };
  };
  "GET /v1/parsers": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
      name?: string;
      search?: string;
    };
    body: never;
    responses: {
      200: {
        parsers: Array<{
          parser_id: string;
          name: string;
          description: string | null;
          document_type: string | null;
          format: ("fields" | "json_schema");
          fields: Array<ParserField>;
          schema: Record<string, unknown>;
          instructions: string | null;
          extraction_mode: string | null;
          latest_version: number | null;
          latest_version_label: string | null;
          has_unpublished_changes: boolean;
          auto_match: boolean;
          created_at: string;
          updated_at: string;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/parsers": {
    path: never;
    query: never;
    body: {
      name: string;
      description?: string | null;
      document_type?: string | null;
      fields?: Array<ParserFieldInput>;
      schema?: Record<string, unknown>;
      format?: ("fields" | "json_schema");
      instructions?: string | null;
      extraction_mode?: (("local" | "llm" | "hybrid") | (null) | null);
      auto_match?: boolean;
    };
    responses: {
      201: {
        parser: {
          parser_id: string;
          name: string;
          description: string | null;
          document_type: string | null;
          format: ("fields" | "json_schema");
          fields: Array<ParserField>;
          schema: Record<string, unknown>;
          instructions: string | null;
          extraction_mode: string | null;
          latest_version: number | null;
          latest_version_label: string | null;
          has_unpublished_changes: boolean;
          auto_match: boolean;
          created_at: string;
          updated_at: string;
        };
      };
    };
  };
  "GET /v1/parsers/{parser_id}": {
    path: {
      parser_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        parser: {
          parser_id: string;
          name: string;
          description: string | null;
          document_type: string | null;
          format: ("fields" | "json_schema");
          fields: Array<ParserField>;
          schema: Record<string, unknown>;
          instructions: string | null;
          extraction_mode: string | null;
          latest_version: number | null;
          latest_version_label: string | null;
          has_unpublished_changes: boolean;
          auto_match: boolean;
          created_at: string;
          updated_at: string;
        };
      };
    };
  };
  "PUT /v1/parsers/{parser_id}": {
    path: {
      parser_id: string;
    };
    query: never;
    body: {
      name?: string;
      description?: string | null;
      document_type?: string | null;
      fields?: Array<ParserFieldInput>;
      schema?: Record<string, unknown>;
      format?: ("fields" | "json_schema");
      instructions?: string | null;
      extraction_mode?: (("local" | "llm" | "hybrid") | (null) | null);
      auto_match?: boolean;
    };
    responses: {
      200: {
        parser: {
          parser_id: string;
          name: string;
          description: string | null;
          document_type: string | null;
          format: ("fields" | "json_schema");
          fields: Array<ParserField>;
          schema: Record<string, unknown>;
          instructions: string | null;
          extraction_mode: string | null;
          latest_version: number | null;
          latest_version_label: string | null;
          has_unpublished_changes: boolean;
          auto_match: boolean;
          created_at: string;
          updated_at: string;
        };
      };
    };
  };
  "DELETE /v1/parsers/{parser_id}": {
    path: {
      parser_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        parser_id: string;
      };
    };
  };
  "GET /v1/parsers/{parser_id}/versions": {
    path: {
      parser_id: string;
    };
    query: {
      page?: number;
      per_page?: number;
    };
    body: never;
    responses: {
      200: {
        versions: Array<{
          version_id: string;
          parser_id: string;
          version: number;
          label: string;
          description: string | null;
          document_type: string | null;
          format: ("fields" | "json_schema");
          fields: Array<ParserField>;
          schema: Record<string, unknown>;
          instructions: string | null;
          extraction_mode: string | null;
          created_at: string;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/parsers/{parser_id}/versions": {
    path: {
      parser_id: string;
    };
    query: never;
    body: {
      description?: string | null;
      release_type?: ("major" | "minor");
    };
    responses: {
      201: {
        version: {
          version_id: string;
          parser_id: string;
          version: number;
          label: string;
          description: string | null;
          document_type: string | null;
          format: ("fields" | "json_schema");
          fields: Array<ParserField>;
          schema: Record<string, unknown>;
          instructions: string | null;
          extraction_mode: string | null;
          created_at: string;
        };
      };
    };
  };
  "GET /v1/parsers/{parser_id}/versions/{version}": {
    path: {
      parser_id: string;
      version: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        version: {
          version_id: string;
          parser_id: string;
          version: number;
          label: string;
          description: string | null;
          document_type: string | null;
          format: ("fields" | "json_schema");
          fields: Array<ParserField>;
          schema: Record<string, unknown>;
          instructions: string | null;
          extraction_mode: string | null;
          created_at: string;
        };
      };
    };
  };
  "GET /v1/tenant": {
    path: never;
    query: never;
    body: never;
    responses: {
      200: {
        tenant: {
          tenant_id: string;
          name: string;
          credits_balance: number | null;
          webhook_secret: string | null;
          created_at: string;
        };
      };
    };
  };
  "GET /v1/usage": {
    path: never;
    query: {
      from?: string;
      to?: string;
      tag?: string;
      parser_id?: string;
    };
    body: never;
    responses: {
      200: {
        usage: {
          from: string | null;
          to: string | null;
          totals: {
            documents: number;
            completed: number;
            failed: number;
            pages: number;
            credits: number;
            duration_ms: number;
            llm_input_tokens: number;
            llm_output_tokens: number;
            llm_cost: number;
          };
          by_day: Array<{
            date: string;
            documents: number;
            completed: number;
            failed: number;
            pages: number;
            credits: number;
            duration_ms: number;
            llm_input_tokens: number;
            llm_output_tokens: number;
            llm_cost: number;
          }>;
          by_tag: Array<{
            tag: string;
            documents: number;
            completed: number;
            failed: number;
            pages: number;
            credits: number;
            duration_ms: number;
            llm_input_tokens: number;
            llm_output_tokens: number;
            llm_cost: number;
          }>;
          by_parser: Array<{
            parser_id: string | null;
            parser_version: number | null;
            parser_name: string | null;
            documents: number;
            completed: number;
            failed: number;
            pages: number;
            credits: number;
            duration_ms: number;
            llm_input_tokens: number;
            llm_output_tokens: number;
            llm_cost: number;
          }>;
        };
        credits_balance: number | null;
      };
    };
  };
  "GET /v1/usage/records": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
      from?: string;
      to?: string;
      tag?: string;
      parser_id?: string;
    };
    body: never;
    responses: {
      200: {
        usage_records: Array<{
          usage_record_id: string;
          extraction_id: string;
          document_id: string;
          api_key_id: string | null;
          status: (("completed") | ("failed"));
          pages: number;
          credits: number;
          refunded_credits: number;
          duration_ms: number | null;
          engine: string;
          llm_input_tokens: number | null;
          llm_output_tokens: number | null;
          llm_cost: number | null;
          parser_id: string | null;
          parser_version: number | null;
          usage_tags: Array<string>;
          created_at: string;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "GET /v1/users": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
      search?: string;
    };
    body: never;
    responses: {
      200: {
        users: Array<{
          user_id: string;
          email: string;
          name: string | null;
          first_name: string | null;
          last_name: string | null;
          role: (("owner") | ("admin") | ("member"));
          created_at: string;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/users": {
    path: never;
    query: never;
    body: {
      email: string;
      name?: string;
      first_name?: string;
      last_name?: string;
      role?: (("owner") | ("admin") | ("member"));
    };
    responses: {
      201: {
        user: {
          user_id: string;
          email: string;
          name: string | null;
          first_name: string | null;
          last_name: string | null;
          role: (("owner") | ("admin") | ("member"));
          created_at: string;
        };
      };
    };
  };
  "GET /v1/users/{user_id}": {
    path: {
      user_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        user: {
          user_id: string;
          email: string;
          name: string | null;
          first_name: string | null;
          last_name: string | null;
          role: (("owner") | ("admin") | ("member"));
          created_at: string;
        };
      };
    };
  };
  "PATCH /v1/users/{user_id}": {
    path: {
      user_id: string;
    };
    query: never;
    body: {
      email?: string;
      name?: string | null;
      role?: (("owner") | ("admin") | ("member"));
    };
    responses: {
      200: {
        user: {
          user_id: string;
          email: string;
          name: string | null;
          first_name: string | null;
          last_name: string | null;
          role: (("owner") | ("admin") | ("member"));
          created_at: string;
        };
      };
    };
  };
  "DELETE /v1/users/{user_id}": {
    path: {
      user_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        user_id: string;
        revoked_api_keys: number;
      };
    };
  };
  "GET /v1/webhooks": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
    };
    body: never;
    responses: {
      200: {
        webhooks: Array<{
          webhook_id: string;
          name: string;
          url: string;
          events: Array<string>;
          scope: (("all") | ("selected"));
          parser_ids: Array<string>;
          active: boolean;
          secret_prefix: string;
          previous_secret_expires_at: string | null;
          created_at: string;
          updated_at: string;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/webhooks": {
    path: never;
    query: never;
    body: {
      url: string;
      name?: string;
      events?: Array<(("extraction.completed") | ("extraction.failed") | ("extraction.partial") | ("document.completed") | ("document.failed") | ("evaluation_run.completed"))>;
      scope?: (("all") | ("selected"));
      parser_ids?: Array<string>;
      active?: boolean;
    };
    responses: {
      201: {
        webhook: {
          webhook_id: string;
          name: string;
          url: string;
          events: Array<string>;
          scope: (("all") | ("selected"));
          parser_ids: Array<string>;
          active: boolean;
          secret_prefix: string;
          previous_secret_expires_at: string | null;
          created_at: string;
          updated_at: string;
          secret: string;
        };
      };
    };
  };
  "GET /v1/webhooks/{webhook_id}": {
    path: {
      webhook_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        webhook: {
          webhook_id: string;
          name: string;
          url: string;
          events: Array<string>;
          scope: (("all") | ("selected"));
          parser_ids: Array<string>;
          active: boolean;
          secret_prefix: string;
          previous_secret_expires_at: string | null;
          created_at: string;
          updated_at: string;
        };
      };
    };
  };
  "PATCH /v1/webhooks/{webhook_id}": {
    path: {
      webhook_id: string;
    };
    query: never;
    body: {
      url?: string;
      name?: string;
      events?: Array<(("extraction.completed") | ("extraction.failed") | ("extraction.partial") | ("document.completed") | ("document.failed") | ("evaluation_run.completed"))>;
      scope?: (("all") | ("selected"));
      parser_ids?: Array<string>;
      active?: boolean;
    };
    responses: {
      200: {
        webhook: {
          webhook_id: string;
          name: string;
          url: string;
          events: Array<string>;
          scope: (("all") | ("selected"));
          parser_ids: Array<string>;
          active: boolean;
          secret_prefix: string;
          previous_secret_expires_at: string | null;
          created_at: string;
          updated_at: string;
        };
      };
    };
  };
  "DELETE /v1/webhooks/{webhook_id}": {
    path: {
      webhook_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        deleted: boolean;
        webhook_id: string;
      };
    };
  };
  "GET /v1/webhooks/{webhook_id}/deliveries": {
    path: {
      webhook_id: string;
    };
    query: {
      page?: number;
      per_page?: number;
      status?: (("pending") | ("succeeded") | ("failed"));
      event_type?: string;
      event_id?: string;
      extraction_id?: string;
    };
    body: never;
    responses: {
      200: {
        deliveries: Array<{
          delivery_id: string;
          webhook_id: string | null;
          event_id: string;
          event_type: string;
          extraction_id: string | null;
          document_id: string | null;
          url: string;
          status: (("pending") | ("succeeded") | ("failed"));
          attempt_count: number;
          max_attempts: number;
          last_status_code: number | null;
          last_error: string | null;
          redelivery_of: string | null;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "POST /v1/webhooks/{webhook_id}/rotate-secret": {
    path: {
      webhook_id: string;
    };
    query: never;
    body: {
      previous_secret_expires_in?: number;
    };
    responses: {
      200: {
        webhook: {
          webhook_id: string;
          name: string;
          url: string;
          events: Array<string>;
          scope: (("all") | ("selected"));
          parser_ids: Array<string>;
          active: boolean;
          secret_prefix: string;
          previous_secret_expires_at: string | null;
          created_at: string;
          updated_at: string;
          secret: string;
        };
      };
    };
  };
  "POST /v1/webhooks/{webhook_id}/test": {
    path: {
      webhook_id: string;
    };
    query: never;
    body: never;
    responses: {
      202: {
        delivery: {
          delivery_id: string;
          webhook_id: string | null;
          event_id: string;
          event_type: string;
          extraction_id: string | null;
          document_id: string | null;
          url: string;
          status: (("pending") | ("succeeded") | ("failed"));
          attempt_count: number;
          max_attempts: number;
          last_status_code: number | null;
          last_error: string | null;
          redelivery_of: string | null;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
      };
    };
  };
  "GET /v1/webhooks/deliveries": {
    path: never;
    query: {
      page?: number;
      per_page?: number;
      status?: (("pending") | ("succeeded") | ("failed"));
      event_type?: string;
      event_id?: string;
      extraction_id?: string;
      webhook_id?: string;
    };
    body: never;
    responses: {
      200: {
        deliveries: Array<{
          delivery_id: string;
          webhook_id: string | null;
          event_id: string;
          event_type: string;
          extraction_id: string | null;
          document_id: string | null;
          url: string;
          status: (("pending") | ("succeeded") | ("failed"));
          attempt_count: number;
          max_attempts: number;
          last_status_code: number | null;
          last_error: string | null;
          redelivery_of: string | null;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        }>;
        pagination: {
          page: number;
          per_page: number;
          total: number;
          total_pages: number;
        };
      };
    };
  };
  "GET /v1/webhooks/deliveries/{delivery_id}": {
    path: {
      delivery_id: string;
    };
    query: never;
    body: never;
    responses: {
      200: {
        delivery: {
          delivery_id: string;
          webhook_id: string | null;
          event_id: string;
          event_type: string;
          extraction_id: string | null;
          document_id: string | null;
          url: string;
          status: (("pending") | ("succeeded") | ("failed"));
          attempt_count: number;
          max_attempts: number;
          last_status_code: number | null;
          last_error: string | null;
          redelivery_of: string | null;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
          payload: unknown;
          attempts: Array<{
            attempt: number;
            url: string;
            started_at: string;
            latency_ms: number;
            status_code: number | null;
            response_excerpt: string | null;
            error: string | null;
            succeeded: boolean;
          }>;
        };
      };
    };
  };
  "POST /v1/webhooks/deliveries/{delivery_id}/redeliver": {
    path: {
      delivery_id: string;
    };
    query: never;
    body: never;
    responses: {
      202: {
        delivery: {
          delivery_id: string;
          webhook_id: string | null;
          event_id: string;
          event_type: string;
          extraction_id: string | null;
          document_id: string | null;
          url: string;
          status: (("pending") | ("succeeded") | ("failed"));
          attempt_count: number;
          max_attempts: number;
          last_status_code: number | null;
          last_error: string | null;
          redelivery_of: string | null;
          created_at: string;
          updated_at: string;
          completed_at: string | null;
        };
      };
    };
  };
}
