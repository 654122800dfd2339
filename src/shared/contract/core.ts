import { z } from 'zod'
import { SettingsPatchSchema, SettingsSchema } from '../settings'

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

export const coreApi = {
  ping: { args: z.tuple([]), result: z.literal('pong') },
  getStatus: { args: z.tuple([]), result: StatusSchema },
  getSettings: { args: z.tuple([]), result: SettingsSchema },
  updateSettings: { args: z.tuple([SettingsPatchSchema]), result: SettingsSchema },
  resetSettings: { args: z.tuple([]), result: SettingsSchema },
  /** Cancels a long operation announced by a `progress` event; false when it had already finished. */
  cancelOperation: { args: z.tuple([z.string().max(64)]), result: z.boolean() },
} as const
