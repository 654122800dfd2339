import { z } from 'zod'

/**
 * Endpoints are untrusted locators: https only, except plain http on loopback (a local node or the test
 * world). A URL with credentials is refused so secrets never end up in logs or evidence files.
 */
export function isAllowedEndpointUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (url.protocol === 'https:') return true
  if (url.protocol !== 'http:') return false
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
}

export const EndpointUrl = z
  .string()
  .trim()
  .max(2048)
  .refine(isAllowedEndpointUrl, { message: 'must be an https URL (plain http only on 127.0.0.1/localhost)' })

export const Root32 = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{64}$/, { message: 'must be 0x followed by 64 hex digits' })
  .transform((s) => s.toLowerCase())

export const NetworkName = z.string().regex(/^[a-z0-9-]{1,32}$/)

export const ThemeChoice = z.enum(['system', 'light', 'dark'])

export const SettingsSchema = z.object({
  version: z.literal(1),
  network: NetworkName,
  endpoints: z.object({
    beacon: z.array(EndpointUrl).min(1).max(8),
    /** Several L1 endpoints are cross-checked; disagreement is reported, never settled by majority. */
    l1Rpc: z.array(EndpointUrl).min(1).max(8),
    zksyncRpc: z.array(EndpointUrl).min(1).max(8),
    /**
     * ZKsync Gateway JSON-RPC endpoints (optional): used only to prove batches that settled on Gateway (issue
     * 17). Settings written before it existed read as none.
     */
    gatewayRpc: z.array(EndpointUrl).max(8).default([]),
    /**
     * Checkpoint-sync providers asked for a fresh finalized root (`lightproof checkpoint`, the Trust page);
     * empty means the built-in list of the network (DEFAULT_CHECKPOINT_PROVIDERS).
     */
    checkpointProviders: z.array(EndpointUrl).max(8).default([]),
  }),
  /** A beacon block root pinned by the user; null means: last verified state, else the shipped checkpoint. */
  checkpoint: Root32.nullable(),
  theme: ThemeChoice,
  /**
   * Pages that show live chain state (Batches' counters) prove it as soon as they open. Off by default: no
   * page reaches the network merely because it was opened. Settings written before it existed read as off.
   */
  autoRefresh: z.boolean().default(false),
})
export type Settings = z.infer<typeof SettingsSchema>

/** A partial update from the UI or the CLI; validated whole after merging. */
export const SettingsPatchSchema = z
  .object({
    network: NetworkName,
    endpoints: z
      .object({
        beacon: z.array(EndpointUrl).min(1).max(8),
        l1Rpc: z.array(EndpointUrl).min(1).max(8),
        zksyncRpc: z.array(EndpointUrl).min(1).max(8),
        gatewayRpc: z.array(EndpointUrl).max(8),
        checkpointProviders: z.array(EndpointUrl).max(8),
      })
      .partial()
      .strict(),
    checkpoint: Root32.nullable(),
    theme: ThemeChoice,
    autoRefresh: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

/**
 * Public mainnet endpoints. They learn which addresses a user asks about; the README and the Settings page
 * say so, and every answer from them is verified, never trusted.
 */
export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  network: 'mainnet',
  endpoints: {
    beacon: ['https://ethereum-beacon-api.publicnode.com'],
    l1Rpc: ['https://ethereum-rpc.publicnode.com'],
    zksyncRpc: ['https://mainnet.era.zksync.io'],
    gatewayRpc: [],
    checkpointProviders: [],
  },
  checkpoint: null,
  theme: 'system',
  autoRefresh: false,
}

/**
 * Independent operators' checkpoint-sync endpoints (eth-clients/checkpoint-sync-endpoints), each run by a
 * different team; a fresh checkpoint is taken only when two of them vouch for the same root.
 */
export const DEFAULT_CHECKPOINT_PROVIDERS: Readonly<Record<string, readonly string[]>> = {
  mainnet: [
    'https://mainnet.checkpoint.sigp.io',
    'https://beaconstate.ethstaker.cc',
    'https://sync-mainnet.beaconcha.in',
    'https://mainnet-checkpoint-sync.attestant.io',
  ],
}

/** The checkpoint providers to ask: the configured ones, else the network's built-in list (maybe none). */
export function checkpointProvidersFor(configured: readonly string[], network: string): string[] {
  return [...(configured.length > 0 ? configured : (DEFAULT_CHECKPOINT_PROVIDERS[network] ?? []))]
}

export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return SettingsSchema.parse({
    ...current,
    ...patch,
    endpoints: { ...current.endpoints, ...(patch.endpoints ?? {}) },
  })
}
