import { describe, expect, it } from 'vitest'
import { listFixtureDir, readFixture, readFixtureText } from '../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import { beaconBlockRoot, executionRoot } from './lightClientHeader'
import { createNetwork, type Network } from './networks'
import { fromSsz } from './parseBeacon'
import { nobleBls } from './blsBackend'
import { loadBlstBackend } from './blstBackend'
import { forceUpdate, processUpdate } from './processUpdate'
import type { LightClientStore } from './store'
import { snappyUncompress } from '../../../tests/support/snappyBlock'
import type { LightClientBootstrap, LightClientUpdate } from './types'
import { verifyBootstrap } from './verifyBootstrap'

/**
 * Set D: consensus-spec-tests `light_client/sync` vectors (minimal preset: 32-member committees, 8-slot
 * epochs, all forks at epoch 0), via helios' copy. Each step's expected finalized and optimistic headers are
 * compared with the store after our processUpdate / forceUpdate.
 */
const ROOT = 'l1/helios/ethereum/consensus-core/testdata'

function networkOf(dir: string): Network {
  const config = readFixtureText(`${dir}/config.yaml`)
  const meta = readFixtureText(`${dir}/meta.yaml`)
  const forks = (['altair', 'bellatrix', 'capella', 'deneb', 'electra', 'fulu'] as const).flatMap((name) => {
    const up = name.toUpperCase()
    const version = new RegExp(`^${up}_FORK_VERSION: (0x[0-9a-f]{8})`, 'm').exec(config)?.[1]
    const epoch = new RegExp(`^${up}_FORK_EPOCH: ([0-9]+)`, 'm').exec(config)?.[1]
    return version ? [{ name, version, epoch: epoch ?? null }] : []
  })
  return createNetwork({
    name: dir.split('/').slice(-2).join('/'),
    genesisValidatorsRoot: /genesis_validators_root: '(0x[0-9a-f]{64})'/.exec(meta)![1]!,
    preset: 'minimal',
    forks: [
      { name: 'phase0', version: /^GENESIS_FORK_VERSION: (0x[0-9a-f]{8})/m.exec(config)![1]!, epoch: 0 },
      ...forks,
    ],
  })
}

interface ExpectedHeader {
  slot: bigint
  beaconRoot: string
  executionRoot: string
}
interface Step {
  kind: 'process_update' | 'force_update'
  update?: string
  currentSlot: bigint
  finalized: ExpectedHeader
  optimistic: ExpectedHeader
}

function expectedHeader(text: string): ExpectedHeader {
  return {
    slot: BigInt(/slot: ([0-9]+)/.exec(text)![1]!),
    beaconRoot: /beacon_root: '(0x[0-9a-f]{64})'/.exec(text)![1]!,
    executionRoot: /execution_root: '(0x[0-9a-f]{64})'/.exec(text)![1]!,
  }
}

function stepsOf(dir: string): Step[] {
  const text = readFixtureText(`${dir}/steps.yaml`)
  return text
    .split(/^- /m)
    .filter((s) => s.trim())
    .map((s) => {
      const [fin, opt] = s.split('optimistic_header:')
      return {
        kind: s.startsWith('force_update') ? 'force_update' : 'process_update',
        update: /update: (update_0x[0-9a-f]+_[sx][fx])/.exec(s)?.[1],
        currentSlot: BigInt(/current_slot: ([0-9]+)/.exec(s)![1]!),
        finalized: expectedHeader(fin!.split('finalized_header:')[1]!),
        optimistic: expectedHeader(opt!),
      }
    })
}

function expectHeader(network: Network, header: LightClientStore['finalizedHeader'], want: ExpectedHeader) {
  expect({
    slot: header.beacon.slot,
    beaconRoot: bytesToHex(beaconBlockRoot(header)),
    executionRoot: bytesToHex(executionRoot(network, header)),
  }).toEqual(want)
}

const CASES = listFixtureDir(ROOT).flatMap((fork) =>
  listFixtureDir(`${ROOT}/${fork}`).map((name) => `${fork}/${name}`),
)

describe('consensus-spec-tests light_client/sync vectors (set D)', async () => {
  it('has the six cases', () => {
    expect(CASES.sort()).toEqual([
      'deneb/advance_finality_without_sync_committee',
      'deneb/light_client_sync',
      'deneb/supply_sync_committee_from_past_update',
      'electra/advance_finality_without_sync_committee',
      'electra/light_client_sync',
      'electra/supply_sync_committee_from_past_update',
    ])
  })

  // Every vector through noble, and through blst too when the optional native package loads.
  const blst = await loadBlstBackend()
  const backends = [nobleBls, ...(blst ? [blst] : [])]
  for (const name of CASES)
    for (const bls of backends) {
      it(`${name} (${bls.name})`, () => {
        const dir = `${ROOT}/${name}`
        const network = networkOf(dir)
        const trusted = hexToBytes(
          /trusted_block_root: '(0x[0-9a-f]{64})'/.exec(readFixtureText(`${dir}/meta.yaml`))![1]!,
        )
        const bootstrap = fromSsz<LightClientBootstrap>(
          snappyUncompress(readFixture(`${dir}/bootstrap.ssz_snappy`)),
          'bootstrap',
          network,
        )
        const boot = verifyBootstrap(network, trusted, bootstrap)
        expect(boot.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass'])
        let store = boot.store!
        const steps = stepsOf(dir)
        expect(steps.length).toBeGreaterThan(0)
        for (const step of steps) {
          if (step.kind === 'force_update') {
            store = forceUpdate(network, store, step.currentSlot).store
          } else {
            const update = fromSsz<LightClientUpdate>(
              snappyUncompress(readFixture(`${dir}/${step.update}.ssz_snappy`)),
              'update',
              network,
            )
            const result = processUpdate(store, update, { network, bls, currentSlot: step.currentSlot })
            const failed = result.checks.filter(
              (c) => c.status === 'fail' && !c.id.endsWith('.participation'),
            )
            expect(failed).toEqual([])
            expect(result.valid).toBe(true)
            store = result.store
          }
          expectHeader(network, store.finalizedHeader, step.finalized)
          expectHeader(network, store.optimisticHeader, step.optimistic)
        }
      })
    }

  it('a tampered vector update is rejected (signature byte flipped)', () => {
    const dir = `${ROOT}/electra/light_client_sync`
    const network = networkOf(dir)
    const trusted = hexToBytes(
      /trusted_block_root: '(0x[0-9a-f]{64})'/.exec(readFixtureText(`${dir}/meta.yaml`))![1]!,
    )
    const bootstrap = fromSsz<LightClientBootstrap>(
      snappyUncompress(readFixture(`${dir}/bootstrap.ssz_snappy`)),
      'bootstrap',
      network,
    )
    const first = stepsOf(dir)[0]!
    const update = fromSsz<LightClientUpdate>(
      snappyUncompress(readFixture(`${dir}/${first.update}.ssz_snappy`)),
      'update',
      network,
    )
    update.syncAggregate.syncCommitteeSignature[10] = update.syncAggregate.syncCommitteeSignature[10]! ^ 0x04
    const result = processUpdate(verifyBootstrap(network, trusted, bootstrap).store!, update, { network })
    expect(result.valid).toBe(false)
    expect(result.checks.at(-1)).toMatchObject({ id: expect.stringMatching(/\.signature$/), status: 'fail' })
  })
})
