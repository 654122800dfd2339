import type { Evidence } from '../../verifier/evidence/schema'
import type { Report } from '../../verifier/report'

/**
 * Messages between the verification pool (main thread) and a verify worker. Everything crosses by structured
 * clone, so evidence may hold bigint and reports stay plain JSON-safe objects.
 */
export interface VerifyRequest {
  id: number
  evidence: Evidence
}

/** An error as it crossed the thread boundary: the class is lost in transit, the kind and code are not. */
export interface SerializedError {
  name: string
  message: string
  kind?: string
  code?: string
}

export type VerifyResponse =
  | { id: number; ok: true; report: Report; ms: number }
  | { id: number; ok: false; error: SerializedError; ms: number }
