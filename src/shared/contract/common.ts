import { z } from 'zod'
import type { Report } from '../../verifier/report'

/** Reports cross the boundary as produced by the verifier; the renderer only displays them. */
export const ReportSchema = z.custom<Report>(
  (v) => v !== null && typeof v === 'object' && 'verdict' in v && 'checks' in v,
)

export const Hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits')
export const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 20-byte 0x-hex address')
/** Bytes travel base64-encoded over both transports (IPC would clone a Uint8Array, HTTP cannot). */
export const Base64 = z
  .string()
  .max(90 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')

/** The outcome of any verification the UI starts: the report, and where it was kept in history. */
export const VerificationOutcomeSchema = z.object({
  report: ReportSchema,
  historyId: z.string().nullable(),
})
export type VerificationOutcome = z.infer<typeof VerificationOutcomeSchema>

/**
 * What a long operation does: a page follows the operations of its kind by this, never by their display label.
 * The CLI's operations are `cli`.
 */
export const OperationKindSchema = z.enum([
  'beaconSync',
  'l1Balance',
  'zksyncBatch',
  'zksyncCounters',
  'zksyncBalance',
  'zksyncWithdrawal',
  'zksyncDeposit',
  'zksyncWatch',
  'cli',
])
export type OperationKind = z.infer<typeof OperationKindSchema>

/** Progress events of long operations (topic `progress`), so the UI can show a bar and offer Cancel. */
export const ProgressSchema = z.object({
  operationId: z.string(),
  kind: OperationKindSchema,
  /** For display only. */
  label: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  message: z.string(),
  finished: z.boolean(),
  /** The operation ended with an error (then thrown to its caller, which reports it). */
  failed: z.boolean(),
})
export type Progress = z.infer<typeof ProgressSchema>
