import { z } from 'zod'
import { Base64, ReportSchema, VerificationOutcomeSchema } from './common'

export const HistorySummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  kind: z.string(),
  description: z.string(),
  verdict: z.enum(['verified', 'failed', 'incomplete']),
  trustRoot: z.object({ kind: z.string(), value: z.string() }).nullable(),
})
export type HistorySummary = z.infer<typeof HistorySummarySchema>

export const DetectionSchema = z.object({
  kind: z.string(),
  description: z.string(),
  needsRoot: z.object({ kind: z.string(), label: z.string() }).optional(),
})
export type DetectionResult = z.infer<typeof DetectionSchema>

export const InspectRequestSchema = z.object({
  name: z.string().max(512),
  base64: Base64,
  /** The trusted root the user typed, when the file cannot carry one. */
  root: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits')
    .nullable()
    .optional(),
})

export const InspectResultSchema = z.object({
  detection: DetectionSchema,
  /** The file's structure for display (kind-specific), when the kind offers one. */
  structure: z.unknown().nullable(),
  outcome: VerificationOutcomeSchema.nullable(),
  /** Why no verification ran (e.g. a root is needed), when outcome is null. */
  reason: z.string().nullable(),
})
export type InspectResult = z.infer<typeof InspectResultSchema>

export const ExportSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() })

export const SampleSchema = z.object({
  file: z.string(),
  kind: z.string(),
  title: z.string(),
  trustRoot: z.object({ kind: z.string(), value: z.string() }),
})
export type Sample = z.infer<typeof SampleSchema>

export const evidenceApi = {
  /** Evidence files shipped with the app, built from real chain data: real verification, offline, in one click. */
  listSamples: { args: z.tuple([]), result: z.array(SampleSchema) },
  verifySample: { args: z.tuple([z.string().max(200)]), result: VerificationOutcomeSchema },
  inspectFile: { args: z.tuple([InspectRequestSchema]), result: InspectResultSchema },
  listHistory: { args: z.tuple([z.string().max(200)]), result: z.array(HistorySummarySchema) },
  getHistoryReport: { args: z.tuple([z.string().max(64)]), result: ReportSchema },
  reverifyHistory: { args: z.tuple([z.string().max(64)]), result: VerificationOutcomeSchema },
  deleteHistory: { args: z.tuple([z.string().max(64)]), result: z.boolean() },
  exportHistory: {
    args: z.tuple([z.string().max(64), z.enum(['json', 'html', 'evidence'])]),
    result: ExportSchema,
  },
} as const
