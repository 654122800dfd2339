import { z } from 'zod'
import { batchesApi } from './contract/batches'
import { coreApi } from './contract/core'
import { evidenceApi } from './contract/evidence'
import { l1Api } from './contract/l1'
import { trustApi } from './contract/trust'
import { zksyncApi } from './contract/zksync'
import type { MethodName } from './methods'

export { StatusSchema, TrustedHeadSchema, type Status, type TrustedHead } from './contract/core'

/**
 * The one contract between the UI and the services, served over Electron IPC and over the localhost bridge.
 * Arguments are validated on the service side (dispatch), whichever transport carried them. Each area
 * declares its part in src/shared/contract/.
 */
export const apiSchema = {
  ...coreApi,
  ...evidenceApi,
  ...trustApi,
  ...l1Api,
  ...zksyncApi,
  ...batchesApi,
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
export type HandlersOf<M extends ApiMethod> = Pick<ApiHandlers, M>

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
