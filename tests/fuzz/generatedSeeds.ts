import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBinaryTree } from '@ethereumjs/binarytree'
import { networkByName } from '../../src/verifier/beacon/networks'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import { rawFromBytes, type Evidence } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import { zksyncPubdataKind } from '../../src/verifier/kinds/zksyncPubdataKind'
import { counterSlotRequests } from '../../src/verifier/zksync/evidence/proveDiamondStorage'
import { REPO_ROOT } from '../support/fixtures'
import { startL1RpcServer } from '../../devnet/l1'
import { buildWorld, startWorld } from '../../devnet/world'
import { createServices } from '../../src/main/services/createServices'
import { collectZksyncDeposit } from '../../src/main/services/zksync/zksyncFlows'
import { JsonRpcClient } from '../../src/main/net/jsonRpc'
import type { Operation } from '../../src/main/services/operations'
import { collectWatchEvidence } from '../../src/main/services/zksync/collectWatch'
import { ZksyncEndpoints } from '../../src/main/services/zksync/zksyncEndpoints'
import {
  balanceEvidence,
  batchEvidence,
  composeZksyncWorld,
  withdrawalEvidence,
} from '../integration/zksyncTestWorld'

/**
 * Seeds for the evidence kinds no sample file covers, so the fuzzer mutates every kind the registry knows:
 * - beacon: the beacon section of the real l1-balance sample, dated at its own head (the sample's file is
 *   dated later, when its answer was made, so as a beacon file of its own the head would not be fresh);
 * - zksync-batch, zksync-balance, zksync-counters, the batch's data (its pubdata, in calldata there) and a
 *   withdrawal (final, claimable): the generated ZKsync test world (tests/integration), resting on its L1 head's
 *   state root;
 * - binary-tree-proof: an EIP-7864 proof made with @ethereumjs/binarytree, with its root as the trust;
 * - zksync-watch: the collector run against the test world's L1 node (devnet), resting on its head's state root;
 * - zksync-deposit: the app's deposit flow against the running test world, resting on its beacon checkpoint.
 */
export interface NamedEvidence {
  name: string
  evidence: Evidence
}

const enc = new TextEncoder()

async function beaconSeed(): Promise<NamedEvidence> {
  const sample = JSON.parse(
    readFileSync(join(REPO_ROOT, 'samples', 'l1-balance-mainnet.evidence.json'), 'utf8'),
  ) as Evidence
  const beacon = sample.data.beacon as Record<string, unknown>
  const undated: Evidence = { ...sample, kind: 'beacon', question: {}, data: { beacon } }
  // The freshness check names the section's head slot; date the file one minute after that slot began.
  const fresh = (await verifyEvidence(undated)).checks.find((c) => c.id === 'beacon.head.fresh')
  const slot = /head slot (\d+)/.exec(fresh?.detail ?? '')?.[1]
  if (slot === undefined) throw new Error('beacon seed: no head slot in beacon.head.fresh')
  const network = networkByName('mainnet')
  const at = Number(network.genesisTime) * 1000 + Number(slot) * network.slotDurationMs + 60_000
  const dated: Evidence = { ...undated, createdAt: new Date(at).toISOString() }
  const finalized = (await verifyEvidence(dated)).facts.finalized as { slot: string }
  return {
    name: 'generated:beacon-from-l1-balance-sample',
    evidence: { ...dated, question: { network: 'mainnet', finalizedSlot: finalized.slot } },
  }
}

function zksyncSeeds(): NamedEvidence[] {
  const w = composeZksyncWorld('fuzz-seeds', 4)
  const n = 2n
  const batch = batchEvidence(w, n)
  const slots = counterSlotRequests().map((s) => bytesToHex(s.key))
  const counters = createEvidence({
    kind: 'zksync-counters',
    createdAt: batch.createdAt,
    question: {},
    trust: batch.trust,
    data: {
      diamondProof: rawFromBytes(
        enc.encode(JSON.stringify(w.l1.head.state.getProof(w.zk.diamond, slots))),
        true,
      ),
      network: batch.data.network,
      ...(batch.data.chainIds ? { chainIds: batch.data.chainIds } : {}),
    },
  })
  return [
    { name: 'generated:zksync-batch-2', evidence: batch },
    { name: 'generated:zksync-balance-2', evidence: balanceEvidence(w, w.zk.accounts[0]!, n) },
    { name: 'generated:zksync-counters', evidence: counters },
    {
      name: 'generated:zksync-pubdata-2',
      evidence: {
        ...batch,
        kind: zksyncPubdataKind.kind,
        data: { ...batch.data, da: { offered: 'blobs', blobs: [] } },
      },
    },
    {
      name: 'generated:zksync-withdrawal',
      evidence: withdrawalEvidence(w, w.withdrawals.claimable.txHash),
    },
  ]
}

async function binaryTreeSeed(): Promise<NamedEvidence> {
  const tree = await createBinaryTree()
  for (let i = 1; i <= 12; i++) {
    const stem = new Uint8Array(31).fill(i * 19)
    await tree.put(stem, [0, 1], [new Uint8Array(32).fill(i), new Uint8Array(32).fill(i + 100)])
  }
  const key = new Uint8Array(32).fill(5 * 19)
  key[31] = 1
  const proof = {
    format: 'eip7864-binary-proof',
    key: bytesToHex(key),
    proof: (await tree.createBinaryProof(key)).map(bytesToHex),
  }
  return {
    name: 'generated:binary-tree-proof',
    evidence: createEvidence({
      kind: 'binary-tree-proof',
      createdAt: '2025-07-01T00:00:00.000Z',
      question: { key: bytesToHex(key) },
      trust: { kind: 'binary-tree-root', value: bytesToHex(tree.root()) },
      data: { proof: rawFromBytes(enc.encode(JSON.stringify(proof)), true) },
    }),
  }
}

async function watchSeed(): Promise<NamedEvidence> {
  const built = buildWorld({ seed: 'fuzz-watch', now: new Date('2026-06-01T00:00:00Z') })
  const server = await startL1RpcServer(built.l1)
  try {
    const client = new JsonRpcClient(server.url)
    const head = built.l1.head
    const stateRoot = bytesToHex(head.header.stateRoot)
    const op = { progress: () => undefined, signal: new AbortController().signal } as unknown as Operation
    const evidence = await collectWatchEvidence(
      new ZksyncEndpoints(client, client, built.beacon.networkName),
      {
        trust: { kind: 'state-root', value: stateRoot },
        beacon: null,
        head: { blockNumber: head.number, stateRoot },
        createdAt: '2026-06-01T00:00:00.000Z',
        question: {},
        sources: [],
        endpointFacts: { answers: { network: built.beacon.networkName } },
      },
      op,
      built.zksync.diamond,
    )
    return { name: 'generated:zksync-watch', evidence: { ...evidence, sources: [] } }
  } finally {
    await server.close()
  }
}

/**
 * zksync-deposit: the running test world (its beacon, L1 and ZKsync servers) asked through the app's own deposit
 * flow, resting on the world's beacon checkpoint: the succeeded deposit, executed in an executed batch.
 */
async function depositSeed(): Promise<NamedEvidence> {
  const world = await startWorld({ seed: 'fuzz-deposit' })
  try {
    const services = await createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'lp-fuzz-dep-')),
      host: 'browser',
    })
    const op = services.context.operations.start('cli', 'fuzz seed')
    try {
      const evidence = await collectZksyncDeposit(
        services.context,
        op,
        { l1TxHash: world.info.depositTx },
        {
          overrides: {
            beacon: [world.info.beacon],
            l1Rpc: [world.info.l1],
            zksyncRpc: [world.info.zksync],
            checkpoint: world.info.checkpoint,
            network: world.info.network,
          },
        },
      )
      return { name: 'generated:zksync-deposit', evidence: { ...evidence, sources: [] } }
    } finally {
      op.finish()
    }
  } finally {
    await world.close()
  }
}

export async function generatedSeeds(): Promise<NamedEvidence[]> {
  return [
    await beaconSeed(),
    ...zksyncSeeds(),
    await binaryTreeSeed(),
    await watchSeed(),
    await depositSeed(),
  ]
}
