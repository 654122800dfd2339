import { createBeaconConfig } from '@lodestar/config'
import { genesisData, mainnetChainConfig } from '@lodestar/config/networks'
import { LightclientSpec } from '@lodestar/light-client/spec'
import { ssz } from '@lodestar/types'
import { readFixture, readFixtureJson } from '../../tests/support/fixtures'
import { nobleBls, type BlsBackend } from '../../src/verifier/beacon/blsBackend'
import { loadBlstBackend } from '../../src/verifier/beacon/blstBackend'
import { NETWORKS } from '../../src/verifier/beacon/networks'
import {
  parseBootstrap,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  parseUpdates,
} from '../../src/verifier/beacon/parseBeacon'
import { verifyBeaconChain, type BeaconEvidence } from '../../src/verifier/beacon/verifyBeaconChain'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import type { Figure } from '../figure'
import { rawFloor, recording, type SignedRoot } from './blsFloor'

/**
 * Light-client sync over set A (mainnet Capella): bootstrap, 6 period updates (each with a new committee),
 * finality and optimistic update — 8 sync-aggregate signatures, a fresh store each run so committee keys are
 * never cached across runs. Both sides start from already-decoded objects; the baseline is
 * @lodestar/light-client 1.28.1 `LightclientSpec` (native blst through @chainsafe/bls) on the same data.
 * Divide by 8 for the per-update time; the ratio is the same.
 *
 * The floor is blst's raw FastAggregateVerify of the same 8 signatures (signing root, the signers' keys and the
 * signature as the verifier met them, recorded in a first run; keys and signatures deserialised beforehand):
 * what a light client cannot avoid, with nothing around it — no SSZ, no Merkle branches, no key cache.
 */
const A = 'l1/helios/ethereum/testdata/'
const CURRENT_SLOT = 7_200_000
type Envelope = { version: string; data: unknown }
function figure(bls: BlsBackend, goal: string): Figure {
  return {
    id: bls.name === 'noble' ? 'beacon-updates' : `beacon-updates-${bls.name}`,
    what: `beacon light-client sync, set A: bootstrap + 6 period updates + finality + optimistic (8 signatures), ${bls.name} BLS`,
    unit: 'ms',
    baseline: '@lodestar/light-client 1.28.1 LightclientSpec on the same updates',
    floor: 'FastAggregateVerify of the same 8 signatures, blst, keys and signatures already decoded',
    goal,
    async setup() {
      const network = NETWORKS.mainnet
      const evidence: BeaconEvidence = {
        network,
        checkpoint: hexToBytes('0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'),
        bootstrap: parseBootstrap(readFixture(A + 'bootstrap.json'), network),
        updates: parseUpdates(readFixture(A + 'updates.json'), network),
        finalityUpdate: parseFinalityUpdate(readFixture(A + 'finality.json'), network),
        optimisticUpdate: parseOptimisticUpdate(readFixture(A + 'optimistic.json'), network),
        currentSlot: BigInt(CURRENT_SLOT),
      }
      const config = createBeaconConfig(
        mainnetChainConfig,
        hexToBytes(genesisData.mainnet.genesisValidatorsRoot),
      )
      const bootstrap = ssz.capella.LightClientBootstrap.fromJson(
        readFixtureJson<Envelope>(A + 'bootstrap.json').data,
      )
      const updates = readFixtureJson<Envelope[]>(A + 'updates.json').map((u) =>
        ssz.capella.LightClientUpdate.fromJson(u.data),
      )
      const finality = ssz.capella.LightClientFinalityUpdate.fromJson(
        readFixtureJson<Envelope>(A + 'finality.json').data,
      )
      const optimistic = ssz.capella.LightClientOptimisticUpdate.fromJson(
        readFixtureJson<Envelope>(A + 'optimistic.json').data,
      )

      const seen: SignedRoot[] = []
      verifyBeaconChain(evidence, { bls: recording(bls, seen) })
      const floor = await rawFloor(seen)
      if (seen.length !== 8 || !floor.run())
        throw new Error('beacon bench: the floor does not verify 8 signatures')
      const ours = () => verifyBeaconChain(evidence, { bls }).report
      const baseline = () => {
        const spec = new LightclientSpec(
          config,
          { allowForcedUpdates: false, updateHeadersOnForcedUpdate: false },
          bootstrap,
        )
        for (const u of updates) spec.onUpdate(CURRENT_SLOT, u)
        spec.onFinalityUpdate(CURRENT_SLOT, finality)
        spec.onOptimisticUpdate(CURRENT_SLOT, optimistic)
        return spec.store.optimisticHeader.beacon.slot
      }
      if (ours().verdict !== 'verified') throw new Error(`${bls.name}: set A does not verify`)
      if (baseline() !== 7109431) throw new Error('lodestar baseline did not reach the optimistic head')
      let sink = 0
      return {
        repetitions: 15,
        backends: {
          ours: `${bls.name} BLS`,
          baseline: 'Lodestar LightclientSpec (@chainsafe/bls, native blst)',
          floor: floor.backend,
        },
        floor() {
          sink ^= floor.run() ? 1 : 0
          return sink
        },
        ours() {
          sink ^= ours().checks.length
          return sink
        },
        baseline() {
          sink ^= baseline()
          return sink
        },
      }
    },
  }
}

const blst = await loadBlstBackend()

/** noble always; blst only where the optional native package loads. */
export const beaconUpdatesFigures: Figure[] = [
  figure(nobleBls, 'ratio <= 1.0'),
  ...(blst ? [figure(blst, 'ratio <= 0.25')] : []),
]
