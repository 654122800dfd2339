import { Tree } from '@chainsafe/persistent-merkle-tree'
import { ssz } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import { createNetwork, NETWORK_DATA, NETWORKS } from './networks'
import { parseBootstrap, parseFinalityUpdate, parseOptimisticUpdate, parseUpdates } from './parseBeacon'
import { processOptimisticUpdate } from './processOptimisticUpdate'
import type { LightClientHeader, LightClientOptimisticUpdate } from './types'
import { verifyBeaconChain } from './verifyBeaconChain'

const network = NETWORKS.mainnet

describe('set B (nimbus, mainnet Fulu, Electra gindices 86/87/169)', () => {
  const dir = 'l1/nimbus/nimbus_verified_proxy/tests/data/'
  const evidence = {
    network,
    checkpoint: hexToBytes('0x9bcb90ec3a294591b77dd2a58e973578715cdc0e6eeeb286bc06dd120057f18b'),
    bootstrap: parseBootstrap(readFixture(dir + 'lc_bootstrap.json'), network),
    updates: parseUpdates(readFixture(dir + 'lc_updates.json'), network),
    finalityUpdate: parseFinalityUpdate(readFixture(dir + 'lc_finality.json'), network),
    optimisticUpdate: parseOptimisticUpdate(readFixture(dir + 'lc_optimistic.json'), network),
  }

  it('verifies bootstrap → update → finality → optimistic with the fulu domain', () => {
    expect(evidence.bootstrap.fork).toBe('fulu')
    expect(evidence.bootstrap.currentSyncCommitteeBranch).toHaveLength(6)
    const { report } = verifyBeaconChain(evidence)
    expect(report.verdict).toBe('verified')
    expect(report.checks.find((c) => c.id === 'beacon.finality.signature')?.detail).toMatch(/fulu domain/)
    // The finalized header's EL block is nimbus' block_0x17a2d23.json (24784163).
    expect(report.facts.finalized).toMatchObject({
      slot: '14017952',
      executionBlockNumber: '24784163',
      executionStateRoot: '0xa9f2a53b59b64a891f12cdc1d1112ce29b659cbf9dc4b6def940e288e00ee4ef',
    })
    expect(report.facts.optimistic).toMatchObject({ slot: '14018019', executionBlockNumber: '24784229' })
  })

  it('fails the finality signature under the electra fork version', () => {
    // Fulu scheduled "never": slot 14018020 then signs under electra's version.
    const forks = NETWORK_DATA.mainnet.forks.map((f) => (f.name === 'fulu' ? { ...f, epoch: null } : f))
    const electraOnly = createNetwork({ ...NETWORK_DATA.mainnet, forks })
    const finalityUpdate = { ...evidence.finalityUpdate, fork: 'electra' as const }
    const { report } = verifyBeaconChain({ ...evidence, network: electraOnly, updates: [], finalityUpdate })
    expect(report.verdict).toBe('failed')
    expect(report.checks.find((c) => c.id === 'beacon.bootstrap.root')?.status).toBe('pass')
    expect(report.checks.find((c) => c.id === 'beacon.finality.signature')?.status).toBe('fail')
  })

  it('rejects a finality branch that is one node short', () => {
    const finalityUpdate = structuredClone(evidence.finalityUpdate)
    finalityUpdate.finalityBranch.pop()
    const { report } = verifyBeaconChain({ ...evidence, optimisticUpdate: undefined, finalityUpdate })
    expect(report.checks.find((c) => c.id === 'beacon.finality.finality-branch')?.status).toBe('fail')
  })
})

/**
 * An optimistic update built from two consecutive beacon blocks (Colibri's method): block N+1's
 * sync_aggregate signs block N. The light-client header of block N is derived here from the full block with
 * @lodestar/types (test scaffolding, not verification): body_root, the ExecutionPayloadHeader and its branch.
 */
function optimisticFromBlocks(parentSsz: Uint8Array, childSsz: Uint8Array): LightClientOptimisticUpdate {
  const parent = ssz.electra.SignedBeaconBlock.deserialize(parentSsz).message
  const child = ssz.electra.SignedBeaconBlock.deserialize(childSsz).message
  const payload = parent.body.executionPayload
  const bodyView = ssz.electra.BeaconBlockBody.toViewDU(parent.body)
  const attestedHeader: LightClientHeader = {
    fork: 'electra',
    beacon: {
      slot: BigInt(parent.slot),
      proposerIndex: BigInt(parent.proposerIndex),
      parentRoot: parent.parentRoot,
      stateRoot: parent.stateRoot,
      bodyRoot: bodyView.hashTreeRoot(),
    },
    execution: {
      parentHash: payload.parentHash,
      feeRecipient: payload.feeRecipient,
      stateRoot: payload.stateRoot,
      receiptsRoot: payload.receiptsRoot,
      logsBloom: payload.logsBloom,
      prevRandao: payload.prevRandao,
      blockNumber: BigInt(payload.blockNumber),
      gasLimit: BigInt(payload.gasLimit),
      gasUsed: BigInt(payload.gasUsed),
      timestamp: BigInt(payload.timestamp),
      extraData: payload.extraData,
      baseFeePerGas: payload.baseFeePerGas,
      blockHash: payload.blockHash,
      transactionsRoot: ssz.bellatrix.Transactions.hashTreeRoot(payload.transactions),
      withdrawalsRoot: ssz.capella.Withdrawals.hashTreeRoot(payload.withdrawals),
      blobGasUsed: BigInt(payload.blobGasUsed),
      excessBlobGas: BigInt(payload.excessBlobGas),
    },
    executionBranch: new Tree(bodyView.node).getSingleProof(25n),
  }
  return {
    fork: 'electra',
    attestedHeader,
    syncAggregate: {
      syncCommitteeBits: child.body.syncAggregate.syncCommitteeBits.uint8Array,
      syncCommitteeSignature: child.body.syncAggregate.syncCommitteeSignature,
    },
    signatureSlot: BigInt(child.slot),
  }
}

describe('set C (colibri, mainnet SSZ, Deneb store → Electra block)', () => {
  const dir = 'l1/colibri/test/data/eth_getStorageAt_electra/'
  const checkpoint = hexToBytes('0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62f6a')
  const bootstrap = parseBootstrap(
    readFixture(
      dir +
        'eth_v1_beacon_light_client_bootstrap_0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62.ssz',
    ),
    network,
  )
  const updates = parseUpdates(
    readFixture(dir + 'eth_v1_beacon_light_client_updates_start_period_1421_count_1.ssz'),
    network,
  )
  const optimistic = optimisticFromBlocks(
    readFixture(
      dir + 'eth_v2_beacon_blocks_0xa07ffae5b1adb6c0cf89fd2fa47981d3da12364919453ca6f5e010905d5d77fa.ssz',
    ),
    readFixture(dir + 'eth_v2_beacon_blocks_head.ssz'),
  )

  it('crosses the fork: a deneb-period update hands over the electra committee that signs block 11650086', () => {
    expect(bootstrap.fork).toBe('deneb')
    expect(updates.map((u) => u.fork)).toEqual(['deneb'])
    const { report, store } = verifyBeaconChain({ network, checkpoint, bootstrap, updates })
    expect(report.verdict).toBe('verified')
    const result = processOptimisticUpdate(store!, optimistic, { network })
    expect(result.valid).toBe(true)
    expect(result.checks.every((c) => c.status === 'pass')).toBe(true)
    expect(result.checks.find((c) => c.id === 'beacon.optimistic.signature')?.detail).toMatch(
      /period-1422 .*electra domain/,
    )
    const head = result.store.optimisticHeader
    expect(head.beacon.slot).toBe(11650086n)
    expect(head.execution.blockNumber).toBe(22432097n)
    expect(bytesToHex(head.execution.stateRoot)).toBe(
      '0x77b08a7d7026b6d7e3097d293561e8dcfd70a738a2d8936058b3d18b0f97b3ff',
    )
  })

  it('the same block is not reachable without the update (period 1422 unknown)', () => {
    const { store } = verifyBeaconChain({ network, checkpoint, bootstrap, updates: [] })
    const result = processOptimisticUpdate(store!, optimistic, { network })
    expect(result.valid).toBe(false)
    expect(result.checks.find((c) => c.id === 'beacon.optimistic.period')?.status).toBe('fail')
  })

  it('an unrelated older update (period 1401) is rejected as unreachable', () => {
    const old = parseUpdates(
      readFixture(dir + 'eth_v1_beacon_light_client_updates_start_period_1401_count_1.ssz'),
      network,
    )
    const { report } = verifyBeaconChain({ network, checkpoint, bootstrap, updates: old })
    expect(report.checks.find((c) => c.id === 'beacon.update[1401].period')?.status).toBe('fail')
  })
})
