import { z } from 'zod'
import { SettingsPatchSchema, SettingsSchema } from './settings'
import type { MethodName } from './methods'

/**
 * The one contract between the UI and the services, served over Electron IPC and over the localhost bridge.
 * Arguments are validated here on the service side, whichever transport carried them.
 */
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

export const apiSchema = {
  ping: { args: z.tuple([]), result: z.literal('pong') },
  getStatus: { args: z.tuple([]), result: StatusSchema },
  getSettings: { args: z.tuple([]), result: SettingsSchema },
  updateSettings: { args: z.tuple([SettingsPatchSchema]), result: SettingsSchema },
  resetSettings: { args: z.tuple([]), result: SettingsSchema },
} as const satisfies Record<MethodName, { args: z.ZodTuple; result: z.ZodType }>

type Schema = typeof apiSchema
export type ApiMethod = keyof Schema
export type ApiArgs<M extends ApiMethod> = z.input<Schema[M]['args']>
export type ApiResult<M extends ApiMethod> = z.infer<Schema[M]['result']>

/** What the renderer calls; both transports implement it. */
export type LightproofApi = { [M in ApiMethod]: (...args: ApiArgs<M>) => Promise<ApiResult<M>> }
/** What services implement: arguments arrive already validated. */
export type ApiHandlers = {
  [M in ApiMethod]: (...args: z.output<Schema[M]['args']>) => Promise<ApiResult<M>>
}

// Both lists must name the same methods: a compile error here means src/shared/methods.ts is stale.
type Missing = Exclude<ApiMethod, MethodName> | Exclude<MethodName, ApiMethod>
const _methodsInSync: [Missing] extends [never] ? true : Missing = true
void _methodsInSync

/** Over both transports a call answers with an envelope, so error codes survive IPC serialisation. */
export type ApiEnvelope<T = unknown> =
  { ok: true; result: T } | { ok: false; error: { code: string; message: string } }

export const ApiEventSchema = z.object({
  topic: z.string(),
  payload: z.unknown(),
})
export type ApiEvent = z.infer<typeof ApiEventSchema>
