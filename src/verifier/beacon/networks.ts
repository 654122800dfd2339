import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { hexToBytes } from '../encoding/hex'
import { ALL_FORKS, isLightClientFork, type ForkName, type LightClientFork } from './forks'

/**
 * A consensus network as data: genesis, preset and fork schedule. Mainnet, Sepolia and Hoodi are built in
 * (values from consensus-specs `configs/mainnet.yaml` and the networks' published configs, cross-checked
 * against `@lodestar/config` 1.48.0); devnets come from a JSON file through `createNetwork`.
 */
export interface Preset {
  slotsPerEpoch: number
  epochsPerSyncCommitteePeriod: number
  syncCommitteeSize: number
}

export interface ScheduledFork {
  name: ForkName
  version: Uint8Array
  /** Activation epoch; `null` = not scheduled. */
  epoch: bigint | null
}

export interface Network {
  name: string
  genesisValidatorsRoot: Uint8Array
  /** Unix seconds; used by services to compute the current slot (the verifier has no clock). */
  genesisTime: bigint
  /** From SLOT_DURATION_MS in the chain config; do not assume 12 s forever. */
  slotDurationMs: number
  preset: Preset
  /** Ascending by epoch; the last scheduled fork at or before an epoch is the active one. */
  forks: ScheduledFork[]
}

export const PRESETS = {
  mainnet: { slotsPerEpoch: 32, epochsPerSyncCommitteePeriod: 256, syncCommitteeSize: 512 },
  minimal: { slotsPerEpoch: 8, epochsPerSyncCommitteePeriod: 8, syncCommitteeSize: 32 },
} as const satisfies Record<string, Preset>

const FORK_ENTRY = z.object({
  name: z.enum(ALL_FORKS),
  version: z.string().regex(/^0x[0-9a-fA-F]{8}$/, 'a 4-byte 0x-hex fork version'),
  epoch: z.union([z.string().regex(/^[0-9]{1,20}$/), z.number().int().nonnegative(), z.null()]).optional(),
})

/** The custom network file (a devnet): zod-validated, every field named as in this module. */
export const NETWORK_JSON = z
  .object({
    name: z.string().min(1).max(64),
    genesisValidatorsRoot: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte 0x-hex root'),
    genesisTime: z.union([z.string().regex(/^[0-9]{1,20}$/), z.number().int().nonnegative()]).optional(),
    slotDurationMs: z.number().int().positive().max(3_600_000).optional(),
    preset: z
      .union([
        z.enum(['mainnet', 'minimal']),
        z.object({
          slotsPerEpoch: z.number().int().positive().max(1024),
          epochsPerSyncCommitteePeriod: z.number().int().positive().max(65536),
          syncCommitteeSize: z
            .number()
            .int()
            .positive()
            .max(4096)
            .refine((n) => n % 8 === 0, 'a multiple of 8'),
        }),
      ])
      .optional(),
    forks: z.array(FORK_ENTRY).min(1).max(32),
  })
  .strict()

export type NetworkJson = z.input<typeof NETWORK_JSON>

const UINT64_MAX = (1n << 64n) - 1n

function toEpoch(value: string | number | null | undefined): bigint | null {
  if (value === null || value === undefined) return null
  const epoch = BigInt(value)
  // FAR_FUTURE_EPOCH (2^64 - 1) in a config means "not scheduled".
  if (epoch >= UINT64_MAX) return null
  return epoch
}

/** Builds a network from trusted built-in data or from an untrusted JSON value (throws InputError). */
export function createNetwork(input: unknown): Network {
  const parsed = NETWORK_JSON.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InputError(
      `network: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
      'input.network',
    )
  }
  const json = parsed.data
  const forks: ScheduledFork[] = json.forks.map((f) => ({
    name: f.name,
    version: hexToBytes(f.version, `network fork ${f.name} version`, 4),
    epoch: toEpoch(f.epoch),
  }))
  let previous = -1n
  for (const f of forks) {
    if (f.epoch === null) continue
    if (f.epoch < previous)
      throw new InputError(`network: fork ${f.name} is scheduled before an earlier fork`)
    previous = f.epoch
  }
  const names = new Set(forks.map((f) => f.name))
  if (names.size !== forks.length) throw new InputError('network: a fork is listed twice')
  const preset = typeof json.preset === 'object' ? json.preset : PRESETS[json.preset ?? 'mainnet']
  return {
    name: json.name,
    genesisValidatorsRoot: hexToBytes(json.genesisValidatorsRoot, 'network genesisValidatorsRoot', 32),
    genesisTime: BigInt(json.genesisTime ?? 0),
    slotDurationMs: json.slotDurationMs ?? 12_000,
    preset: { ...preset },
    forks,
  }
}

/** Built-in networks. Each row is the chain config, nothing else. */
export const NETWORK_DATA = {
  mainnet: {
    name: 'mainnet',
    genesisValidatorsRoot: '0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95',
    genesisTime: '1606824023',
    slotDurationMs: 12000,
    preset: 'mainnet',
    forks: [
      { name: 'phase0', version: '0x00000000', epoch: 0 },
      { name: 'altair', version: '0x01000000', epoch: 74240 },
      { name: 'bellatrix', version: '0x02000000', epoch: 144896 },
      { name: 'capella', version: '0x03000000', epoch: 194048 },
      { name: 'deneb', version: '0x04000000', epoch: 269568 },
      { name: 'electra', version: '0x05000000', epoch: 364032 },
      { name: 'fulu', version: '0x06000000', epoch: 411392 },
      { name: 'gloas', version: '0x07000000', epoch: null },
    ],
  },
  sepolia: {
    name: 'sepolia',
    genesisValidatorsRoot: '0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078',
    genesisTime: '1655733600',
    slotDurationMs: 12000,
    preset: 'mainnet',
    forks: [
      { name: 'phase0', version: '0x90000069', epoch: 0 },
      { name: 'altair', version: '0x90000070', epoch: 50 },
      { name: 'bellatrix', version: '0x90000071', epoch: 100 },
      { name: 'capella', version: '0x90000072', epoch: 56832 },
      { name: 'deneb', version: '0x90000073', epoch: 132608 },
      { name: 'electra', version: '0x90000074', epoch: 222464 },
      { name: 'fulu', version: '0x90000075', epoch: 272640 },
      { name: 'gloas', version: '0x90000076', epoch: null },
    ],
  },
  hoodi: {
    name: 'hoodi',
    genesisValidatorsRoot: '0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f',
    genesisTime: '1742213400',
    slotDurationMs: 12000,
    preset: 'mainnet',
    forks: [
      { name: 'phase0', version: '0x10000910', epoch: 0 },
      { name: 'altair', version: '0x20000910', epoch: 0 },
      { name: 'bellatrix', version: '0x30000910', epoch: 0 },
      { name: 'capella', version: '0x40000910', epoch: 0 },
      { name: 'deneb', version: '0x50000910', epoch: 0 },
      { name: 'electra', version: '0x60000910', epoch: 2048 },
      { name: 'fulu', version: '0x70000910', epoch: 50688 },
      { name: 'gloas', version: '0x80000910', epoch: null },
    ],
  },
  // The local test world (devnet/beacon/devnetNetwork.ts explains every value); never a real chain.
  'lightproof-devnet': {
    name: 'lightproof-devnet',
    genesisValidatorsRoot: '0xbcd03d4cab35c19ca755d6564d0f9219374844a6b24c944ffd0dba4212e835d5',
    genesisTime: '1735689600',
    slotDurationMs: 12000,
    preset: 'mainnet',
    forks: [
      { name: 'phase0', version: '0x4c500000', epoch: 0 },
      { name: 'altair', version: '0x4c500001', epoch: 0 },
      { name: 'bellatrix', version: '0x4c500002', epoch: 0 },
      { name: 'capella', version: '0x4c500003', epoch: 0 },
      { name: 'deneb', version: '0x4c500004', epoch: 0 },
      { name: 'electra', version: '0x4c500005', epoch: 0 },
      { name: 'fulu', version: '0x4c500006', epoch: null },
      { name: 'gloas', version: '0x4c500007', epoch: null },
    ],
  },
} as const satisfies Record<string, NetworkJson>

export type NetworkName = keyof typeof NETWORK_DATA

export const NETWORKS: Record<NetworkName, Network> = {
  mainnet: createNetwork(NETWORK_DATA.mainnet),
  sepolia: createNetwork(NETWORK_DATA.sepolia),
  hoodi: createNetwork(NETWORK_DATA.hoodi),
  'lightproof-devnet': createNetwork(NETWORK_DATA['lightproof-devnet']),
}

export function networkByName(name: string): Network {
  if (Object.hasOwn(NETWORKS, name)) return NETWORKS[name as NetworkName]
  throw new InputError(
    `unknown network '${name}' (built in: ${Object.keys(NETWORKS).join(', ')}; or pass a network JSON file)`,
    'input.network',
  )
}

export function epochAtSlot(network: Network, slot: bigint): bigint {
  return slot / BigInt(network.preset.slotsPerEpoch)
}

/** compute_sync_committee_period_at_slot. */
export function syncCommitteePeriodAtSlot(network: Network, slot: bigint): bigint {
  return epochAtSlot(network, slot) / BigInt(network.preset.epochsPerSyncCommitteePeriod)
}

/** The fork active at an epoch (compute_fork_version). */
export function forkAtEpoch(network: Network, epoch: bigint): ScheduledFork {
  let active: ScheduledFork | undefined
  for (const f of network.forks) if (f.epoch !== null && f.epoch <= epoch) active = f
  if (!active) throw new InputError(`network ${network.name}: no fork is active at epoch ${epoch}`)
  return active
}

/**
 * The light-client container fork for an object whose (attested) header is at `slot`. Altair/Bellatrix
 * headers carry no execution payload and no standard server still serves them (history is ~129 periods);
 * Gloas changes the header shape. Both are rejected as unsupported rather than misread.
 */
export function lightClientForkAtSlot(network: Network, slot: bigint): LightClientFork {
  const fork = forkAtEpoch(network, epochAtSlot(network, slot)).name
  if (!isLightClientFork(fork)) {
    throw new InputError(
      `slot ${slot} is in fork ${fork}, which this light client does not support`,
      'input.fork',
    )
  }
  return fork
}
