import { bls12_381 } from '@noble/curves/bls12-381.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { ssz } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import { NETWORKS } from '../../src/verifier/beacon/networks'
import {
  parseBootstrap,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  parseUpdates,
} from '../../src/verifier/beacon/parseBeacon'
import { verifyBeaconChain, type BeaconEvidence } from '../../src/verifier/beacon/verifyBeaconChain'
import { bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import type { Report } from '../../src/verifier/report'
import { buildL1World } from '../l1/buildL1World'
import { executionPayloadOf } from '../l1/executionPayload'
import { planBeaconSlots, periodOf, SLOTS_PER_PERIOD } from './beaconSlotPlan'
import { buildBeaconWorld, type BeaconWorld } from './buildBeaconWorld'
import { devnetSlotAt, devnetTimestampAt, LIGHTPROOF_DEVNET } from './devnetNetwork'
import { ValidatorSet } from './syncCommittees'

// One world for the whole file: the L1 world's last two blocks are the finalized and optimistic heads.
const NOW = new Date('2026-03-10T09:30:00Z')
const l1 = buildL1World({ seed: 'beacon-test', accounts: [], contracts: [], transactions: [] })
const headBlock = l1.blocks.at(-2)!
const optimisticBlock = l1.blocks.at(-1)!
const world = buildBeaconWorld({
  seed: 'beacon-test',
  now: NOW,
  executionPayload: executionPayloadOf(headBlock),
  optimisticExecutionPayload: executionPayloadOf(optimisticBlock),
  parentBeaconBlockRoot: headBlock.header.parentBeaconBlockRoot,
})
const E = ssz.electra

/** The world as a client receives it: every object through SSZ and the verifier's parse module. */
function evidenceOf(w: BeaconWorld): BeaconEvidence {
  const n = w.network
  return {
    network: n,
    checkpoint: hexToBytes(w.checkpoint),
    bootstrap: parseBootstrap(E.LightClientBootstrap.serialize(w.bootstrap), n),
    updates: w.updates.flatMap((u) => parseUpdates(E.LightClientUpdate.serialize(u), n)),
    finalityUpdate: parseFinalityUpdate(E.LightClientFinalityUpdate.serialize(w.finalityUpdate), n),
    optimisticUpdate: parseOptimisticUpdate(E.LightClientOptimisticUpdate.serialize(w.optimisticUpdate), n),
    currentSlot: w.plan.currentSlot,
  }
}

function status(report: Report, id: string) {
  return report.checks.find((c) => c.id === id)?.status
}

describe('buildBeaconWorld', () => {
  const { report } = verifyBeaconChain(evidenceOf(world))

  it('verifies with verifyBeaconChain from its checkpoint to the given EL heads', () => {
    expect(report.verdict).toBe('verified')
    expect(report.facts.network).toBe('lightproof-devnet')
    expect(report.facts.finalized).toMatchObject({
      slot: world.plan.finalized.toString(),
      beaconRoot: world.finalized.blockRoot,
      executionBlockNumber: headBlock.number.toString(),
      executionBlockHash: bytesToHex(headBlock.hash),
      executionStateRoot: bytesToHex(headBlock.state.root),
      executionReceiptsRoot: bytesToHex(headBlock.header.receiptsRoot),
    })
    expect(report.facts.optimistic).toMatchObject({
      slot: world.plan.optimisticAttested.toString(),
      executionBlockNumber: optimisticBlock.number.toString(),
      executionBlockHash: bytesToHex(optimisticBlock.hash),
      executionStateRoot: bytesToHex(optimisticBlock.state.root),
    })
    expect(report.facts.nextSyncCommitteeKnown).toBe(true)
  })

  it('crosses three sync-committee periods with a real signature and committee branch in each', () => {
    const periods = world.plan.updates.map((u) => u.period)
    expect(periods).toHaveLength(3)
    expect(periods[2]! - periods[0]!).toBe(2n)
    for (const p of periods) {
      for (const part of ['participation', 'signature', 'finality-branch', 'next-committee-branch']) {
        expect(status(report, `beacon.update[${p}].${part}`)).toBe('pass')
      }
    }
    for (const id of [
      'beacon.bootstrap.committee-branch',
      'beacon.finality.head',
      'beacon.optimistic.head',
    ]) {
      expect(status(report, id)).toBe('pass')
    }
    expect(report.checks.find((c) => c.id === `beacon.update[${periods[0]}].signature`)?.detail).toContain(
      '480/512',
    )
  })

  it('is the registered network row, and the checkpoint is the bootstrap block root', () => {
    expect(NETWORKS['lightproof-devnet']).toEqual(world.network)
    expect(world.checkpoint).toBe(
      bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(world.bootstrap.header.beacon)),
    )
    expect(world.bootstrapFor(world.checkpoint)).toBe(world.bootstrap)
    // A later finalized block can serve as a checkpoint too (a client resuming from its last verified root).
    expect(world.bootstrapFor(world.finalized.blockRoot)?.header.beacon.slot).toBe(
      Number(world.plan.finalized),
    )
  })

  it('puts the head at the wall-clock slot of `now` and links the head block to the EL parent beacon root', () => {
    expect(world.plan.currentSlot).toBe(devnetSlotAt(NOW))
    expect(world.plan.optimisticSignature).toBe(world.plan.currentSlot)
    expect(world.finalityUpdate.finalizedHeader.beacon.parentRoot).toEqual(
      headBlock.header.parentBeaconBlockRoot,
    )
    expect(world.finalityUpdate.finalizedHeader.execution.blockHash).toEqual(headBlock.hash)
  })

  it('commits each execution payload into body_root at gindex 25 (the root the verifier rebuilds)', () => {
    const header = world.finalityUpdate.finalizedHeader
    let node = E.ExecutionPayloadHeader.hashTreeRoot(header.execution)
    header.executionBranch.forEach((sibling, i) => {
      node = (25 >> i) & 1 ? sha256(concatBytes(sibling, node)) : sha256(concatBytes(node, sibling))
    })
    expect(bytesToHex(node)).toBe(bytesToHex(header.beacon.bodyRoot))
  })

  it('rotates committees: each period has its own 512 members, and aggregate_pubkey is their sum', () => {
    const [a, b] = [
      world.committees.get(periodOf(world.plan.bootstrap))!,
      world.committees.get(periodOf(world.plan.bootstrap) + 1n)!,
    ]
    expect(a.members).not.toEqual(b.members)
    expect(new Set(a.members).size).toBe(512)
    let sum = bls12_381.G1.Point.ZERO
    for (const pk of a.pubkeys) sum = sum.add(bls12_381.G1.Point.fromBytes(pk))
    expect(bytesToHex(sum.toBytes(true))).toBe(bytesToHex(a.aggregatePubkey))
  })

  it('is deterministic in its seed: the same seed derives the same keys, another seed other keys', () => {
    const committee = world.committees.get(world.plan.updates[0]!.period)!
    const again = new ValidatorSet('beacon-test')
    const other = new ValidatorSet('another-seed')
    for (const i of [0, 1, 511]) {
      const member = committee.members[i]!
      expect(again.publicKey(member)).toEqual(committee.pubkeys[i])
      expect(other.publicKey(member)).not.toEqual(committee.pubkeys[i])
    }
  })

  it('a tampered served object fails the check that guards it (the world is no rubber stamp)', () => {
    const evidence = evidenceOf(world)
    evidence.updates[1]!.nextSyncCommitteeBranch[0]![0]! ^= 1
    const tampered = verifyBeaconChain(evidence).report
    expect(tampered.verdict).toBe('failed')
    expect(status(tampered, `beacon.update[${world.plan.updates[1]!.period}].next-committee-branch`)).toBe(
      'fail',
    )
  })
})

describe('planBeaconSlots', () => {
  it('keeps the head update inside one period even just after a period boundary', () => {
    const boundary = 340n * SLOTS_PER_PERIOD
    for (const offset of [0n, 40n, 96n, 130n, 200n, 4000n]) {
      const plan = planBeaconSlots(devnetTimestampAt(boundary + offset))
      expect(plan.currentSlot).toBe(boundary + offset)
      expect(periodOf(plan.finalized)).toBe(periodOf(plan.signature))
      expect(plan.signature).toBeLessThan(plan.optimisticAttested)
      expect(plan.finalized % 32n).toBe(0n)
      expect(plan.updates.map((u) => u.period)).toEqual(
        [0n, 1n, 2n].map((d) => periodOf(plan.finalized) - 2n + d),
      )
      expect(periodOf(plan.optimisticSignature) - periodOf(plan.finalized)).toBeLessThanOrEqual(1n)
    }
  })

  it('refuses a time before the devnet has three periods of history', () => {
    expect(() => planBeaconSlots(new Date(Number(LIGHTPROOF_DEVNET.genesisTime) * 1000 + 3600_000))).toThrow(
      RangeError,
    )
  })
})
