import { keccak_256 } from '@noble/hashes/sha3.js'
import { AbiCoder } from 'ethers'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import { ReportBuilder } from '../../src/verifier/report'
import { checkBatchOnDiamond } from '../../src/verifier/zksync/batches/checkBatchOnDiamond'
import { decodeCommitCalldata } from '../../src/verifier/zksync/batches/decodeCommitCalldata'
import {
  batchStatus,
  decodeDiamondState,
  diamondSlots,
  DIAMOND_STORAGE_SLOTS,
  mappingSlot,
  type BatchSlotKeys,
  type DiamondStorageWords,
} from '../../src/verifier/zksync/batches/diamondSlots'
import { bindStoredBatchInfo, storedBatchInfoHash } from '../../src/verifier/zksync/batches/storedBatchInfo'
import { storedBatchInfoAbi } from '../../src/verifier/zksync/batches/executorStructs'
import { verifyCommitCalldata } from '../../src/verifier/zksync/batches/verifyCommitCalldata'
import {
  decomposeNonce,
  erc20BalanceLocation,
  ethBalanceLocation,
  nonceLocation,
} from '../../src/verifier/zksync/stateTree/l2Balances'
import { parseZksProof } from '../../src/verifier/zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../../src/verifier/zksync/stateTree/verifyZksProof'
import { EXECUTOR_EVENTS } from './batchArtifacts'
import { buildZksyncWorld, ERA_DIAMOND, type ZksyncWorld } from './buildZksyncWorld'

const world = buildZksyncWorld({ seed: 'lightproof-test' })
const N = world.latestBatch
const b = (h: string) => hexToBytes(h)
const check = (r: { checks: { id: string; status: string }[] }, id: string) => {
  const c = r.checks.find((x) => x.id === id)
  if (!c) throw new Error(`no check ${id}`)
  return c.status
}

/** The diamond words the verifier reads for batch n, taken from the world's storage (absent = zero). */
function diamondWords(w: ZksyncWorld, n: bigint, storage = w.diamondStorage): DiamondStorageWords {
  const keys = diamondSlots(n)
  const out = {} as Record<keyof BatchSlotKeys, Uint8Array>
  for (const k of Object.keys(keys) as (keyof BatchSlotKeys)[])
    out[k] = b(storage.get(bytesToHex(keys[k])) ?? `0x${'00'.repeat(32)}`)
  return out
}

function proveAt(w: ZksyncWorld, address: Uint8Array, slot: Uint8Array, n: bigint) {
  const json = w.getProof(bytesToHex(address), [bytesToHex(slot)], n)!
  const proof = parseZksProof(json as unknown as LosslessJson)
  const sbi = w.batches[Number(n)]!.storedBatchInfo
  const report = verifyZksProof(proof, sbi.batchHash, {
    request: { address, keys: [slot] },
    maxIndex: sbi.indexRepeatedStorageChanges,
  })
  return { json, report }
}

describe('buildZksyncWorld: shape and determinism', () => {
  it('is the same world for the same seed and another for another seed', () => {
    const again = buildZksyncWorld({ seed: 'lightproof-test' })
    expect(again.batches.map((x) => bytesToHex(x.storedBatchHash))).toEqual(
      world.batches.map((x) => bytesToHex(x.storedBatchHash)),
    )
    expect(again.operations.map((o) => o.input)).toEqual(world.operations.map((o) => o.input))
    const other = buildZksyncWorld({ seed: 'another', accounts: 4, batches: 5 })
    expect(bytesToHex(other.batches[0]!.stateRoot)).not.toBe(bytesToHex(world.batches[0]!.stateRoot))
    expect(other.batches.length).toBe(6)
    expect(other.accounts.length).toBe(4)
  })

  it('has all three statuses, agreeing with the verifier’s batchStatus', () => {
    expect(N).toBe(4n)
    expect(world.counters).toEqual({
      totalBatchesCommitted: 4n,
      totalBatchesVerified: 3n,
      totalBatchesExecuted: 2n,
    })
    expect(world.batches.map((x) => x.status)).toEqual([
      'executed',
      'executed',
      'executed',
      'proven',
      'committed',
    ])
    for (const x of world.batches) expect(batchStatus(x.number, world.counters)).toBe(x.status)
  })

  it('changes the tree every batch and chains state roots through the SBI', () => {
    const roots = new Set(world.batches.map((x) => bytesToHex(x.stateRoot)))
    expect(roots.size).toBe(world.batches.length)
    for (const x of world.batches) {
      expect(x.storedBatchInfo.batchHash).toEqual(x.stateRoot)
      expect(x.storedBatchInfo.indexRepeatedStorageChanges).toBe(x.tree.lastIndex)
    }
  })

  it('rejects options outside the documented ranges', () => {
    expect(() => buildZksyncWorld({ seed: 's', batches: 2 })).toThrow(RangeError)
    expect(() => buildZksyncWorld({ seed: 's', accounts: 1 })).toThrow(RangeError)
  })
})

describe('buildZksyncWorld: StoredBatchInfo and diamond storage', () => {
  it('binds every SBI to its stored hash with the 9-field layout; a changed field does not bind', () => {
    for (const x of world.batches) {
      const binding = bindStoredBatchInfo(x.storedBatchInfo, x.storedBatchHash)
      expect(binding).toMatchObject({ bound: true, layout: 9 })
      expect(storedBatchInfoHash(x.storedBatchInfo, 9)).toEqual(x.storedBatchHash)
    }
    const sbi = world.batches[3]!.storedBatchInfo
    const forged = { ...sbi, indexRepeatedStorageChanges: sbi.indexRepeatedStorageChanges + 1n }
    expect(bindStoredBatchInfo(forged, world.batches[3]!.storedBatchHash).bound).toBe(false)
  })

  it('puts counters, stored hashes, verifier, version and meta at the verifier’s slots', () => {
    for (const x of world.batches) {
      const state = decodeDiamondState(diamondWords(world, x.number))
      expect(state.storedBatchHash).toEqual(x.storedBatchHash)
      expect(state).toMatchObject({
        totalBatchesCommitted: 4n,
        totalBatchesVerified: 3n,
        totalBatchesExecuted: 2n,
        verifier: world.verifier,
        protocolVersion: { minor: 29, patch: 4 },
        settlementLayer: '0x0000000000000000000000000000000000000000',
        zkPorterIsAvailable: false,
      })
      expect(state.bootloaderHash).toEqual(world.meta.bootloaderHash)
      expect(state.evmEmulatorHash).toEqual(world.meta.evmEmulatorHash)
    }
    expect(
      world.diamondStorage.get(bytesToHex(mappingSlot(2n, DIAMOND_STORAGE_SLOTS.l2LogsRootHashes))),
    ).toBe(bytesToHex(world.batches[2]!.storedBatchInfo.l2LogsTreeRoot))
    expect(
      world.diamondStorage.has(bytesToHex(mappingSlot(3n, DIAMOND_STORAGE_SLOTS.l2LogsRootHashes))),
    ).toBe(false)
    // Zero words are absent (slot 50: settles on L1).
    expect([...world.diamondStorage.values()].every((v) => !/^0x0*$/.test(v))).toBe(true)
  })

  it('passes checkBatchOnDiamond for each batch at its status, and fails a stronger requirement', () => {
    for (const x of world.batches) {
      const r = new ReportBuilder({ kind: 't', description: 't', trustRoot: { kind: 'none', value: '' } })
      const status = checkBatchOnDiamond(r, {
        batchNumber: x.number,
        state: decodeDiamondState(diamondWords(world, x.number)),
        storedBatchInfo: x.storedBatchInfo,
        requireStatus: x.status,
      })
      expect(status).toBe(x.status)
      expect(r.build().verdict).toBe('verified')
    }
    const r = new ReportBuilder({ kind: 't', description: 't', trustRoot: { kind: 'none', value: '' } })
    checkBatchOnDiamond(r, {
      batchNumber: N,
      state: decodeDiamondState(diamondWords(world, N)),
      storedBatchInfo: world.batches[Number(N)]!.storedBatchInfo,
      requireStatus: 'executed',
    })
    expect(check(r.build(), 'zksync.batch.status')).toBe('fail')
  })

  it('replays its history: operations in order, each storage step consistent with the counters', () => {
    // A batch's deposits are L1 transactions made before its commit.
    expect(world.operations.map((o) => `${o.kind}${o.batchNumber}`)).toEqual([
      'deposit1',
      'commit1',
      'commit2',
      'prove1',
      'deposit3',
      'commit3',
      'prove2',
      'execute1',
      'commit4',
      'prove3',
      'execute2',
    ])
    const before = decodeDiamondState(diamondWords(world, 1n, world.diamondStorageAt(0)))
    expect(before.totalBatchesCommitted).toBe(0n)
    expect(before.storedBatchHash).toEqual(new Uint8Array(32))
    const afterCommit1 = decodeDiamondState(diamondWords(world, 1n, world.diamondStorageAt(2)))
    expect(afterCommit1.totalBatchesCommitted).toBe(1n)
    expect(afterCommit1.storedBatchHash).toEqual(world.batches[1]!.storedBatchHash)
    expect(world.diamondStorageAt(world.operations.length)).toEqual(world.diamondStorage)
    expect(() => world.diamondStorageAt(99)).toThrow(RangeError)
  })

  it('emits BlockCommit / BlocksVerification / BlockExecution with the research topic0s', () => {
    const c = readFixtureJson<Record<string, unknown>>('zksync/derived/constants.json')
    const text = JSON.stringify(c)
    for (const t of Object.values(EXECUTOR_EVENTS)) expect(text).toContain(t)
    const commit3 = world.operations.find((o) => o.kind === 'commit' && o.batchNumber === 3n)!
    expect(commit3.log.address).toBe(ERA_DIAMOND)
    expect(commit3.log.topics).toEqual([
      EXECUTOR_EVENTS.BlockCommit,
      `0x${'3'.padStart(64, '0')}`,
      bytesToHex(world.batches[3]!.stateRoot),
      bytesToHex(world.batches[3]!.storedBatchInfo.commitment),
    ])
    expect(commit3.to).toBe(world.validatorTimelock)
  })
})

describe('buildZksyncWorld: prove and execute calldata (shape)', () => {
  const SBI9 = storedBatchInfoAbi(9)
  const payloadOf = (input: string) => {
    const [chain, from, to, data] = AbiCoder.defaultAbiCoder().decode(
      ['address', 'uint256', 'uint256', 'bytes'],
      `0x${input.slice(10)}`,
    )
    expect(String(chain).toLowerCase()).toBe(ERA_DIAMOND)
    expect(from).toBe(to)
    const bytes = hexToBytes(data as string)
    expect(bytes[0]).toBe(1)
    return { batch: from as bigint, payload: bytesToHex(bytes.subarray(1)) }
  }
  const sbiHash = (v: unknown) =>
    bytesToHex(keccak_256(hexToBytes(AbiCoder.defaultAbiCoder().encode([SBI9], [v]))))

  it('prove carries (prev SBI, [SBI], proof words) with the v29 selector', () => {
    const op = world.operations.find((o) => o.kind === 'prove' && o.batchNumber === 2n)!
    expect(op.input.slice(0, 10)).toBe('0x9271e450')
    const { batch, payload } = payloadOf(op.input)
    expect(batch).toBe(2n)
    const [prev, batches] = AbiCoder.defaultAbiCoder().decode([SBI9, `${SBI9}[]`, 'uint256[]'], payload)
    expect(sbiHash(prev)).toBe(bytesToHex(world.batches[1]!.storedBatchHash))
    expect(sbiHash((batches as unknown[])[0])).toBe(bytesToHex(world.batches[2]!.storedBatchHash))
  })

  it('execute carries ([SBI], priority ops, dependency roots) with the v29 selector', () => {
    const op = world.operations.find((o) => o.kind === 'execute' && o.batchNumber === 1n)!
    expect(op.input.slice(0, 10)).toBe('0xa085344d')
    const { payload } = payloadOf(op.input)
    const [batches, ops] = AbiCoder.defaultAbiCoder().decode(
      [`${SBI9}[]`, 'tuple(bytes32[],bytes32[],bytes32[])[]', 'tuple(uint256,uint256,bytes32[])[][]'],
      payload,
    )
    expect(sbiHash((batches as unknown[])[0])).toBe(bytesToHex(world.batches[1]!.storedBatchHash))
    // Batch 1 carries one deposit: its hash is the priority op item.
    expect((ops as unknown as unknown[][][])[0]![2]).toEqual(
      world.batches[1]!.priorityTxHashes.map(bytesToHex),
    )
  })
})

describe('buildZksyncWorld: commit calldata', () => {
  const trustedFor = (n: number) => ({
    lastCommittedStoredBatchHash: world.batches[n - 1]!.storedBatchHash,
    protocolVersion: 29,
    meta: world.meta,
    commitments: new Map([[BigInt(n), world.batches[n]!.storedBatchInfo.commitment]]),
  })

  it('decodes back to the same batch facts (v29+ selector, encoding version 1, the diamond as chain)', () => {
    for (const x of world.batches.slice(1)) {
      const d = decodeCommitCalldata(x.commitCalldata!)
      expect(d).toMatchObject({
        selector: '0x0db9eb87',
        layout: 'v29-v31',
        encodingVersion: 1,
        chainAddress: ERA_DIAMOND,
        processFrom: x.number,
        processTo: x.number,
        canonical: true,
      })
      expect(d.lastCommitted).toEqual(world.batches[Number(x.number) - 1]!.storedBatchInfo)
      expect(d.batches).toEqual([x.commitBatchInfo])
    }
  })

  it('verifies with every check, the commitment recomputed from calldata + meta', () => {
    for (let n = 1; n <= Number(N); n++) {
      const r = verifyCommitCalldata(world.batches[n]!.commitCalldata!, trustedFor(n))
      expect(r.checks.filter((c) => c.status !== 'pass')).toEqual([])
      expect(r.verdict).toBe('verified')
      expect(check(r, 'zksync.commit.commitment')).toBe('pass')
      expect(check(r, 'zksync.commit.da')).toBe('pass')
    }
  })

  it('fails the commitment check against a wrong meta hash, and the binding against the wrong batch', () => {
    const t = trustedFor(2)
    const wrongMeta = verifyCommitCalldata(world.batches[2]!.commitCalldata!, {
      ...t,
      meta: { ...t.meta, defaultAAHash: t.meta.bootloaderHash },
    })
    expect(check(wrongMeta, 'zksync.commit.commitment')).toBe('fail')
    const wrongPrev = verifyCommitCalldata(world.batches[2]!.commitCalldata!, {
      ...t,
      lastCommittedStoredBatchHash: world.batches[0]!.storedBatchHash,
    })
    expect(check(wrongPrev, 'zksync.commit.lastCommitted.binding')).toBe('fail')
  })
})

describe('buildZksyncWorld: zks_getProof', () => {
  const [a0, a1, late] = world.accounts.map(b) as [Uint8Array, Uint8Array, Uint8Array]

  it('proves every account’s ETH balance at every batch against the bound SBI root', () => {
    for (const x of world.batches) {
      for (const acct of [a0, a1, late]) {
        const loc = ethBalanceLocation(acct)
        const { json, report } = proveAt(world, loc.contract, loc.slot, x.number)
        expect(report.verdict).toBe('verified')
        expect(BigInt(json.storageProof[0]!.value)).toBe(world.ethBalance(bytesToHex(acct), x.number))
      }
    }
    // Balances do change between batches.
    expect(world.ethBalance(bytesToHex(a0), 1n)).not.toBe(world.ethBalance(bytesToHex(a0), 0n))
  })

  it('proves the late account absent before batch 2 (index 0) and present from batch 2', () => {
    const loc = ethBalanceLocation(late)
    const before = proveAt(world, loc.contract, loc.slot, 1n)
    expect(before.report.verdict).toBe('verified')
    expect(before.json.storageProof[0]!.index).toBe(0)
    const after = proveAt(world, loc.contract, loc.slot, 2n)
    expect(after.report.verdict).toBe('verified')
    expect(after.json.storageProof[0]!.index).toBeGreaterThan(0)
    expect(BigInt(after.json.storageProof[0]!.value)).toBeGreaterThan(0n)
  })

  it('proves the bridged ERC-20 balance (slot 51) and the nonce word', () => {
    const tok = erc20BalanceLocation(b(world.token.address), a1)
    const t1 = proveAt(world, tok.contract, tok.slot, 1n)
    expect(t1.report.verdict).toBe('verified')
    expect(BigInt(t1.json.storageProof[0]!.value)).toBeGreaterThan(0n)
    expect(BigInt(t1.json.storageProof[0]!.value)).toBe(world.tokenBalance(world.accounts[1]!, 1n))
    const nl = nonceLocation(a0)
    const n2 = proveAt(world, nl.contract, nl.slot, 2n)
    expect(n2.report.verdict).toBe('verified')
    expect(decomposeNonce(b(n2.json.storageProof[0]!.value)).minNonce).toBe(
      world.nonce(world.accounts[0]!, 2n),
    )
    expect(world.nonce(world.accounts[0]!, 2n)).toBeGreaterThan(0n)
  })

  it('a proof from batch n does not verify against batch n+1’s root (zks.storage[0].proof)', () => {
    const loc = ethBalanceLocation(a0)
    const json = world.getProof(bytesToHex(loc.contract), [bytesToHex(loc.slot)], 1n)!
    const r = verifyZksProof(parseZksProof(json as unknown as LosslessJson), world.batches[2]!.stateRoot)
    expect(check(r, 'zks.storage[0].proof')).toBe('fail')
  })

  it('answers null for a batch the node does not have', () => {
    expect(world.getProof(world.accounts[0]!, [`0x${'00'.repeat(32)}`], N + 1n)).toBeNull()
    expect(world.l1BatchDetails(N + 1n)).toBeNull()
  })
})

describe('buildZksyncWorld: zks_getL1BatchDetails', () => {
  it('reports root, commitment and status, and the L1 locators it is given', () => {
    const d = world.l1BatchDetails(2n, {
      commitTxHash: `0x${'c1'.repeat(32)}`,
      proveTxHash: `0x${'b1'.repeat(32)}`,
      executeTxHash: `0x${'e1'.repeat(32)}`,
      l1ChainId: 31337n,
    })!
    expect(d).toMatchObject({
      number: 2,
      rootHash: bytesToHex(world.batches[2]!.stateRoot),
      commitment: bytesToHex(world.batches[2]!.storedBatchInfo.commitment),
      status: 'verified',
      commitTxHash: `0x${'c1'.repeat(32)}`,
      executeTxHash: `0x${'e1'.repeat(32)}`,
      commitChainId: 31337,
      baseSystemContractsHashes: { bootloader: bytesToHex(world.meta.bootloaderHash) },
    })
    expect(d.committedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    // A committed-only batch shows no prove / execute locators even when some are passed.
    const latest = world.l1BatchDetails(N, {
      commitTxHash: '0x01',
      proveTxHash: '0x02',
      executeTxHash: '0x03',
    })!
    expect(latest).toMatchObject({
      status: 'sealed',
      commitTxHash: '0x01',
      proveTxHash: null,
      executeTxHash: null,
    })
  })
})
