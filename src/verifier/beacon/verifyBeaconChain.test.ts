import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../tests/support/fixtures'
import { hexToBytes } from '../encoding/hex'
import type { Report } from '../report'
import { createNetwork, NETWORK_DATA, NETWORKS } from './networks'
import { parseBootstrap, parseFinalityUpdate, parseOptimisticUpdate, parseUpdates } from './parseBeacon'
import type { LightClientUpdate } from './types'
import { verifyBeaconChain, type BeaconEvidence } from './verifyBeaconChain'

// Set A (helios, mainnet Capella): bootstrap at slot 7069376, updates for periods 862–867, finality, optimistic.
const DIR = 'l1/helios/ethereum/testdata/'
const network = NETWORKS.mainnet
const CHECKPOINT = hexToBytes('0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275')
const setA: BeaconEvidence = {
  network,
  checkpoint: CHECKPOINT,
  bootstrap: parseBootstrap(readFixture(DIR + 'bootstrap.json'), network),
  updates: parseUpdates(readFixture(DIR + 'updates.json'), network),
  finalityUpdate: parseFinalityUpdate(readFixture(DIR + 'finality.json'), network),
  optimisticUpdate: parseOptimisticUpdate(readFixture(DIR + 'optimistic.json'), network),
}

/** A deep copy to tamper with (structuredClone keeps Uint8Array and bigint). */
function copy<T>(value: T): T {
  return structuredClone(value)
}

function check(report: Report, id: string) {
  const c = report.checks.find((x) => x.id === id)
  if (!c) throw new Error(`no check ${id} in ${report.checks.map((x) => x.id).join(', ')}`)
  return c
}

function expectFailedAt(report: Report, id: string) {
  expect(report.verdict).toBe('failed')
  expect(check(report, id).status).toBe('fail')
  expect(report.facts).toEqual({})
}

/** Only the first update: bootstrap → period 862 update (one BLS check), for cheap tamper tests. */
function firstUpdateOnly(mutate: (u: LightClientUpdate) => void = () => {}): BeaconEvidence {
  const u = copy(setA.updates[0]!)
  mutate(u)
  return { ...setA, updates: [u], finalityUpdate: undefined, optimisticUpdate: undefined }
}

describe('verifyBeaconChain on set A (mainnet Capella, 6 periods)', () => {
  it('verifies the whole chain and yields finalized EL block 17923026', () => {
    const { report, store } = verifyBeaconChain(setA)
    expect(report.verdict).toBe('verified')
    expect(report.subject).toMatchObject({
      kind: 'beacon-chain',
      trustRoot: {
        kind: 'beacon-checkpoint',
        value: '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275',
      },
    })
    expect(report.facts.finalized).toMatchObject({
      slot: '7109344',
      executionBlockNumber: '17923026',
      executionBlockHash: '0xbc8499537876e5406c7a65e25f99063f1cd85a17014a3aa5ade38271b1fbf64f',
      executionStateRoot: '0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3',
    })
    expect(report.facts.optimistic).toMatchObject({
      slot: '7109431',
      executionBlockNumber: '17923113',
      executionStateRoot: '0xb23aaefaa6757436f1e6054a7568d4e6bfbf54b7958e5be9f49b3389ef6694af',
    })
    expect(report.facts.syncCommitteePeriod).toBe('867')
    for (const p of [862, 863, 864, 865, 866, 867]) {
      for (const part of ['participation', 'signature', 'finality-branch', 'next-committee-branch']) {
        expect(check(report, `beacon.update[${p}].${part}`).status).toBe('pass')
      }
    }
    expect(check(report, 'beacon.finality.head').status).toBe('pass')
    expect(check(report, 'beacon.optimistic.head').status).toBe('pass')
    expect(store?.nextSyncCommittee).not.toBeNull()
  })

  it('rejects a checkpoint that does not match the bootstrap header', () => {
    const wrong = copy(CHECKPOINT)
    wrong[31] = wrong[31]! ^ 1
    const { report, store } = verifyBeaconChain({ ...setA, checkpoint: wrong })
    expectFailedAt(report, 'beacon.bootstrap.root')
    expect(store).toBeNull()
  })

  it('rejects a bootstrap whose committee branch has a changed node', () => {
    const bootstrap = copy(setA.bootstrap)
    bootstrap.currentSyncCommitteeBranch[3]![0] = bootstrap.currentSyncCommitteeBranch[3]![0]! ^ 0x80
    expectFailedAt(verifyBeaconChain({ ...setA, bootstrap }).report, 'beacon.bootstrap.committee-branch')
  })

  it('rejects a bootstrap with a swapped committee', () => {
    const bootstrap = copy(setA.bootstrap)
    bootstrap.currentSyncCommittee = copy(setA.updates[2]!.nextSyncCommittee)
    expectFailedAt(verifyBeaconChain({ ...setA, bootstrap }).report, 'beacon.bootstrap.committee-branch')
  })

  it('rejects a bootstrap whose execution header was altered', () => {
    const bootstrap = copy(setA.bootstrap)
    bootstrap.header.execution.stateRoot[0] = bootstrap.header.execution.stateRoot[0]! ^ 1
    expectFailedAt(verifyBeaconChain({ ...setA, bootstrap }).report, 'beacon.bootstrap.execution-branch')
  })

  it('accepts the first update alone (sanity for the tamper cases below)', () => {
    expect(verifyBeaconChain(firstUpdateOnly()).report.verdict).toBe('verified')
  })

  it('rejects a flipped signature bit', () => {
    const ev = firstUpdateOnly((u) => {
      u.syncAggregate.syncCommitteeSignature[40] = u.syncAggregate.syncCommitteeSignature[40]! ^ 0x01
    })
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].signature')
  })

  it('rejects a signature checked under a wrong fork version', () => {
    const forks = NETWORK_DATA.mainnet.forks.map((f) =>
      f.name === 'capella' ? { ...f, version: '0x03000001' } : f,
    )
    const wrongNetwork = createNetwork({ ...NETWORK_DATA.mainnet, forks })
    const ev = { ...firstUpdateOnly(), network: wrongNetwork }
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].signature')
  })

  it('rejects headers read under another network schedule (sepolia)', () => {
    const ev = { ...firstUpdateOnly(), network: NETWORKS.sepolia }
    // Sepolia's schedule puts slot 7069376 in Deneb: a Capella header cannot describe it.
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.bootstrap.execution-branch')
  })

  it('rejects a signature checked with another genesis_validators_root', () => {
    const wrongNetwork = createNetwork({
      ...NETWORK_DATA.mainnet,
      genesisValidatorsRoot: NETWORK_DATA.sepolia.genesisValidatorsRoot,
    })
    expectFailedAt(
      verifyBeaconChain({ ...firstUpdateOnly(), network: wrongNetwork }).report,
      'beacon.update[862].signature',
    )
  })

  it('rejects a changed finality branch node', () => {
    const ev = firstUpdateOnly((u) => {
      u.finalityBranch[1]![5] = u.finalityBranch[1]![5]! ^ 0x10
    })
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].finality-branch')
  })

  it('rejects a changed next-committee branch node', () => {
    const ev = firstUpdateOnly((u) => {
      u.nextSyncCommitteeBranch[4]![31] = u.nextSyncCommitteeBranch[4]![31]! ^ 0x01
    })
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].next-committee-branch')
  })

  it('rejects a swapped next committee', () => {
    const ev = firstUpdateOnly((u) => {
      u.nextSyncCommittee = copy(setA.updates[3]!.nextSyncCommittee)
    })
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].next-committee-branch')
  })

  it('rejects a changed execution branch of the attested header', () => {
    const ev = firstUpdateOnly((u) => {
      u.attestedHeader.executionBranch[0]![0] = u.attestedHeader.executionBranch[0]![0]! ^ 0x01
    })
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].attested-execution-branch')
  })

  it('rejects an altered finalized execution header', () => {
    const ev = firstUpdateOnly((u) => {
      u.finalizedHeader.execution.blockNumber += 1n
    })
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].finalized-execution-branch')
  })

  it('rejects participation below the supermajority', () => {
    const ev = firstUpdateOnly((u) => {
      const bits = u.syncAggregate.syncCommitteeBits
      for (let i = 0; i < 24; i++) bits[i] = 0 // 192 of 512 cleared
    })
    const report = verifyBeaconChain(ev).report
    expectFailedAt(report, 'beacon.update[862].participation')
    expect(check(report, 'beacon.update[862].participation').detail).toMatch(/below the 2\/3/)
  })

  it('rejects an update without participants', () => {
    const ev = firstUpdateOnly((u) => u.syncAggregate.syncCommitteeBits.fill(0))
    const report = verifyBeaconChain(ev).report
    expectFailedAt(report, 'beacon.update[862].participation')
    expect(report.checks.some((c) => c.id === 'beacon.update[862].signature')).toBe(false)
  })

  it('rejects an update for a period not yet reachable', () => {
    const ev = {
      ...setA,
      updates: [setA.updates[4]!],
      finalityUpdate: undefined,
      optimisticUpdate: undefined,
    }
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[866].period')
  })

  it('rejects slots out of order', () => {
    const ev = firstUpdateOnly((u) => {
      u.signatureSlot = u.attestedHeader.beacon.slot
    })
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].slots')
  })

  it('rejects an update signed after the caller’s current slot', () => {
    const ev = { ...firstUpdateOnly(), currentSlot: setA.updates[0]!.signatureSlot - 1n }
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.update[862].slots')
  })

  it('rejects a stale optimistic update as the head', () => {
    // The bootstrap header (slot 7069376) is newer than the first update's attested header; an optimistic
    // update made of that update is valid per spec but cannot become the head.
    const u = setA.updates[0]!
    const optimisticUpdate = {
      fork: u.fork,
      attestedHeader: u.attestedHeader,
      syncAggregate: u.syncAggregate,
      signatureSlot: u.signatureSlot,
    }
    const ev = { ...setA, updates: [], finalityUpdate: undefined, optimisticUpdate }
    expectFailedAt(verifyBeaconChain(ev).report, 'beacon.optimistic.relevance')
  })
})
