import { z } from 'zod'
import { EndpointUrl, NetworkName, SettingsPatchSchema, SettingsSchema } from '../settings'

export const TrustedHeadSchema = z.object({
  source: z.enum(['finalized', 'optimistic']),
  slot: z.string(),
  executionBlockNumber: z.string(),
  executionBlockHash: z.string(),
  executionStateRoot: z.string(),
  verifiedAt: z.string(),
})
export type TrustedHead = z.infer<typeof TrustedHeadSchema>

export const StatusSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  network: z.string(),
  trustedHead: TrustedHeadSchema.nullable(),
  /** Problems the user should see once, e.g. a corrupt settings file that was replaced by defaults. */
  notices: z.array(z.string()),
})
export type Status = z.infer<typeof StatusSchema>

export const EndpointRoleSchema = z.enum([
  'beacon',
  'l1Rpc',
  'zksyncRpc',
  'gatewayRpc',
  'checkpointProviders',
])
export type EndpointRole = z.infer<typeof EndpointRoleSchema>

/** One endpoint's diagnosis (Settings' "Test endpoints"): what it answered, or a classified failure. */
export const EndpointProbeSchema = z.object({
  role: EndpointRoleSchema,
  url: z.string(),
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  detail: z.string(),
  failure: z
    .object({
      class: z.enum([
        'offline-or-dns',
        'refused',
        'timeout',
        'rate-limited',
        'server-error',
        'not-found',
        'access-denied',
        'state-pruned',
        'wrong-chain',
        'unsupported',
        'invalid-answer',
        'other',
      ]),
      message: z.string(),
      nextStep: z.string(),
    })
    .nullable(),
})
export type EndpointProbe = z.infer<typeof EndpointProbeSchema>

/** The endpoints to test: the saved settings, or a draft not saved yet (the Settings form). */
export const TestEndpointsRequestSchema = z
  .object({
    network: NetworkName.optional(),
    endpoints: z
      .object({
        beacon: z.array(EndpointUrl).max(8),
        l1Rpc: z.array(EndpointUrl).max(8),
        zksyncRpc: z.array(EndpointUrl).max(8),
        gatewayRpc: z.array(EndpointUrl).max(8),
        checkpointProviders: z.array(EndpointUrl).max(8),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
export type TestEndpointsRequest = z.infer<typeof TestEndpointsRequestSchema>

export const coreApi = {
  ping: { args: z.tuple([]), result: z.literal('pong') },
  getStatus: { args: z.tuple([]), result: StatusSchema },
  getSettings: { args: z.tuple([]), result: SettingsSchema },
  updateSettings: { args: z.tuple([SettingsPatchSchema]), result: SettingsSchema },
  resetSettings: { args: z.tuple([]), result: SettingsSchema },
  /** Cancels a long operation announced by a `progress` event; false when it had already finished. */
  cancelOperation: { args: z.tuple([z.string().max(64)]), result: z.boolean() },
  /** Asks each endpoint what Lightproof will ask of it; failures classified, with the next step. */
  testEndpoints: {
    args: z.tuple([TestEndpointsRequestSchema.optional()]),
    result: z.array(EndpointProbeSchema),
  },
} as const
