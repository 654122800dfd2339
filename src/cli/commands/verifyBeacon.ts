import { InputError, UsageError } from '../../shared/errors'
import { nobleBls, type BlsBackend } from '../../verifier/beacon/blsBackend'
import { loadBlstBackend } from '../../verifier/beacon/blstBackend'
import { createNetwork, NETWORKS, type Network, type NetworkName } from '../../verifier/beacon/networks'
import {
  parseBootstrap,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  parseUpdates,
  MAX_UPDATES,
} from '../../verifier/beacon/parseBeacon'
import { verifyBeaconChain } from '../../verifier/beacon/verifyBeaconChain'
import { parseJsonBytes } from '../../verifier/encoding/json'
import type { CommandContext, CommandSpec } from '../command'
import { stringList, stringOption } from '../command'
import { requireOption, rootOption } from '../inputs'

const COMMAND = 'verify beacon'
/** One bootstrap or update is ~25 KiB in SSZ and ~70 KiB in JSON; 128 updates fit well within this. */
const MAX_FILE_BYTES = 32 * 1024 * 1024

async function networkOption(ctx: CommandContext, value: string | undefined): Promise<Network> {
  const name = value ?? 'mainnet'
  if (Object.hasOwn(NETWORKS, name)) return NETWORKS[name as NetworkName]
  if (!/[./\\]/.test(name)) {
    throw new UsageError(
      `${COMMAND}: unknown network '${name}' (built in: ${Object.keys(NETWORKS).join(', ')}; or a network JSON file)`,
    )
  }
  return createNetwork(parseJsonBytes(await ctx.readInput(name, 1024 * 1024)))
}

async function blsOption(value: string | undefined): Promise<BlsBackend> {
  const choice = value ?? 'auto'
  if (choice === 'noble') return nobleBls
  if (choice !== 'auto' && choice !== 'blst')
    throw new UsageError(`${COMMAND}: --bls must be auto, noble or blst`)
  const blst = await loadBlstBackend()
  if (!blst && choice === 'blst') throw new UsageError(`${COMMAND}: @chainsafe/blst is not available here`)
  return blst ?? nobleBls
}

/**
 * `lightproof verify beacon --checkpoint R --bootstrap F --updates F… [--finality F] [--optimistic F]`
 * (DESIGN.md §4): the beacon light-client trust chain from a checkpoint the user trusts to a finalized and an
 * optimistic execution-layer head. Files are beacon-API JSON or SSZ octet-streams. Malformed files exit 2; a
 * chain that does not verify exits 1.
 */
export const verifyBeaconCommand: CommandSpec = {
  usage: '--checkpoint R --bootstrap F [--updates F]… [--finality F] [--optimistic F] [--network mainnet]',
  options: {
    checkpoint: { type: 'string', help: 'R  trusted beacon block root (0x-hex, a finalized checkpoint)' },
    bootstrap: { type: 'string', help: 'F  LightClientBootstrap for that root (JSON or SSZ)' },
    updates: {
      type: 'string',
      multiple: true,
      help: 'F  LightClientUpdates, one period each (JSON array or SSZ by-range body); repeatable',
    },
    finality: { type: 'string', help: 'F  LightClientFinalityUpdate (JSON or SSZ)' },
    optimistic: { type: 'string', help: 'F  LightClientOptimisticUpdate (JSON or SSZ)' },
    network: { type: 'string', help: 'N  mainnet (default), sepolia, hoodi, or a network JSON file' },
    bls: { type: 'string', help: 'B  auto (blst if it loads, else noble; default), noble or blst' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const checkpoint = rootOption(values, 'checkpoint', COMMAND)
    const bootstrapFile = requireOption(values, 'bootstrap', COMMAND)
    const network = await networkOption(ctx, stringOption(values, 'network'))
    const bls = await blsOption(stringOption(values, 'bls'))
    const read = (path: string) => ctx.readInput(path, MAX_FILE_BYTES)

    const parseStarted = performance.now()
    const bootstrap = parseBootstrap(await read(bootstrapFile), network, bootstrapFile)
    const updates = []
    for (const file of stringList(values, 'updates')) {
      const bytes = await read(file)
      // An empty file (or an empty list) is a mistake to name, not a sync with nothing to apply.
      const parsed = bytes.length === 0 ? [] : parseUpdates(bytes, network, file)
      if (parsed.length === 0)
        throw new InputError(`${COMMAND}: --updates ${file}: no update was given (the file holds none)`)
      updates.push(...parsed)
      if (updates.length > MAX_UPDATES)
        throw new InputError(`${COMMAND}: more than ${MAX_UPDATES} updates in total`)
    }
    const finalityFile = stringOption(values, 'finality')
    const optimisticFile = stringOption(values, 'optimistic')
    const finalityUpdate = finalityFile
      ? parseFinalityUpdate(await read(finalityFile), network, finalityFile)
      : undefined
    const optimisticUpdate = optimisticFile
      ? parseOptimisticUpdate(await read(optimisticFile), network, optimisticFile)
      : undefined
    const parseMs = performance.now() - parseStarted

    // The CLI has a clock: updates signed in the future (beyond the wall-clock slot) are rejected, as the spec
    // requires of a live client. Networks without a genesis time are left unbounded.
    const currentSlot =
      network.genesisTime > 0n
        ? (BigInt(Date.now()) - network.genesisTime * 1000n) / BigInt(network.slotDurationMs)
        : undefined

    const started = performance.now()
    const { report } = verifyBeaconChain(
      { network, checkpoint, bootstrap, updates, finalityUpdate, optimisticUpdate, currentSlot },
      { bls },
    )
    report.timings.parse = parseMs
    report.timings.verify = performance.now() - started
    return report
  },
}
