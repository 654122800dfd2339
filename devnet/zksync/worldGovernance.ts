import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import type { L1ContractSpec, StorageWrite } from '../l1'
import type { EthGetProofJson } from '../l1/l1State'
import { upgradedVerifierContracts, type EraVerifierContracts } from './eraVerifiers'
import { seeded } from './sealBatch'
import type { ZksyncWorld } from './buildZksyncWorld'

/**
 * Who can change the world's chain, as L1 storage (issue 21): the diamond's admin, DA validators and
 * permanent-rollup flag, its DiamondStorage (four facets with real selectors, each facet an account with code),
 * the ChainTypeManager it names (at mainnet's address) and the ValidatorTimelock that ChainTypeManager names (the
 * world's, which the operator's calls go through) with its execution delay. Written here from era-contracts'
 * sources (ZKChainStorage, Diamond.sol, ChainTypeManager.sol, ValidatorTimelock.sol), apart from the verifier's
 * slot table, so the watch is checked against an independent encoding.
 *
 * `upgrade` is the world's upgrade step: a new verifier (a DualVerifier over the same FFLONK verifier and the
 * Airbender-branch PLONK verifier: another key), a fifth facet, and the ChainTypeManager announcing 0.30.0 with an
 * upgrade cut for the chain's 0.29.4 and a deadline for it.
 */
export const WORLD_CHAIN_TYPE_MANAGER = '0xc2ee6b6af7d616f6e27ce7f4a451aedc2b0f5f5c'

const DIAMOND_STORAGE_POSITION =
  BigInt(bytesToHex(keccak_256(new TextEncoder().encode('diamond.standard.diamond.storage')))) - 1n
const U256 = 1n << 256n
const MAX_UINT = U256 - 1n

export interface WorldFacet {
  name: string
  address: string
  code: string
  freezable: boolean
  selectors: string[]
}

export interface WorldGovernance {
  /** Slots to add to the diamond's genesis storage. */
  diamondStorage: Map<string, string>
  /** The ChainTypeManager, the ValidatorTimelock and the facets, as L1 accounts. */
  contracts: L1ContractSpec[]
  facets: WorldFacet[]
  admin: string
  executionDelay: bigint
  /** The upgrade step: its storage writes (diamond and ChainTypeManager) and the accounts it deploys. */
  upgrade: {
    writes: StorageWrite[]
    contracts: L1ContractSpec[]
    verifier: EraVerifierContracts
    facet: WorldFacet
    cutHash: string
    newVersion: bigint
  }
}

const word = (v: bigint) => `0x${((v % U256) + U256) % U256 === 0n ? '0' : (v % U256).toString(16)}`
const slotHex = (v: bigint) => `0x${(v % U256).toString(16).padStart(64, '0')}`
const pad32 = (v: bigint) => hexToBytes(`0x${v.toString(16).padStart(64, '0')}`)
const addrWord = (a: string) => word(BigInt(a))
/** keccak256(key ‖ slot): Solidity's mapping entry. */
const entry = (key: Uint8Array, slot: bigint) => BigInt(bytesToHex(keccak_256(concatBytes(key, pad32(slot)))))
const addressKey = (a: string) => pad32(BigInt(a))
const selectorKey = (s: string) => concatBytes(hexToBytes(s), new Uint8Array(28))
const arrayStart = (slot: bigint) => BigInt(bytesToHex(keccak_256(pad32(slot))))

function selector(signature: string): string {
  return bytesToHex(keccak_256(new TextEncoder().encode(signature)).subarray(0, 4))
}

function facet(seed: string, name: string, freezable: boolean, signatures: string[]): WorldFacet {
  const id = seeded(seed, 'facet', name)
  return {
    name,
    address: bytesToHex(id.subarray(12)),
    // Stand-in runtime code: nothing runs it, only its hash is proven.
    code: bytesToHex(concatBytes(hexToBytes('0x608060405234801561001057600080fd5b50'), keccak_256(id))),
    freezable,
    selectors: signatures.map(selector),
  }
}

/** DiamondStorage entries of `facets` at positions `from…` (facets array, facetToSelectors, selectorToFacet). */
function diamondStorageOf(facets: readonly WorldFacet[], from: number, total: number): Map<string, string> {
  const P = DIAMOND_STORAGE_POSITION
  const m = new Map<string, string>()
  m.set(slotHex(P + 2n), word(BigInt(total)))
  facets.forEach((f, k) => {
    const i = from + k
    m.set(slotHex(arrayStart(P + 2n) + BigInt(i)), addrWord(f.address))
    const info = entry(addressKey(f.address), P + 1n)
    m.set(slotHex(info), word(BigInt(f.selectors.length)))
    m.set(slotHex(info + 1n), word(BigInt(i)))
    const start = arrayStart(info)
    for (let w = 0; w * 8 < f.selectors.length; w++) {
      let packed = 0n
      f.selectors.slice(w * 8, w * 8 + 8).forEach((s, j) => (packed |= BigInt(s) << BigInt(32 * j)))
      m.set(slotHex(start + BigInt(w)), word(packed))
    }
    f.selectors.forEach((s, j) => {
      const value = BigInt(f.address) | (BigInt(j) << 160n) | ((f.freezable ? 1n : 0n) << 176n)
      m.set(slotHex(entry(selectorKey(s), P)), word(value))
    })
  })
  return m
}

export function worldGovernance(zk: ZksyncWorld): WorldGovernance {
  const seed = zk.seed
  const addr = (label: string) => bytesToHex(seeded(seed, 'governance', label).subarray(12))
  const admin = addr('chain-admin')
  const facets = [
    facet(seed, 'AdminFacet', false, [
      'setPendingAdmin(address)',
      'acceptAdmin()',
      'setValidator(address,bool)',
      'setPorterAvailability(bool)',
      'setPriorityTxMaxGasLimit(uint256)',
      'changeFeeParams((uint8,uint32,uint32,uint32,uint32,uint64))',
      'upgradeChainFromVersion(uint256,((address,uint8,bool,bytes4[])[],address,bytes))',
      'executeUpgrade(((address,uint8,bool,bytes4[])[],address,bytes))',
      'freezeDiamond()',
      'unfreezeDiamond()',
      'makePermanentRollup()',
    ]),
    facet(seed, 'GettersFacet', false, [
      'getVerifier()',
      'getAdmin()',
      'getPendingAdmin()',
      'getProtocolVersion()',
      'getTotalBatchesExecuted()',
      'getL2BootloaderBytecodeHash()',
      'getL2DefaultAccountBytecodeHash()',
      'isDiamondStorageFrozen()',
      'facets()',
      'getSettlementLayer()',
    ]),
    facet(seed, 'MailboxFacet', true, [
      'proveL2MessageInclusion(uint256,uint256,(uint16,address,bytes),bytes32[])',
      'requestL2Transaction(address,uint256,bytes,uint256,uint256,bytes[],address)',
      'bridgehubRequestL2Transaction((address,address,uint256,uint256,bytes,uint256,uint256,bytes[],address))',
    ]),
    facet(seed, 'ExecutorFacet', true, [
      'commitBatchesSharedBridge(address,uint256,uint256,bytes)',
      'proveBatchesSharedBridge(address,uint256,uint256,bytes)',
      'executeBatchesSharedBridge(address,uint256,uint256,bytes)',
      'revertBatchesSharedBridge(address,uint256)',
    ]),
  ]
  const timelock = zk.validatorTimelock
  const executionDelay = 10_800n
  const version = zk.protocolVersion.packed

  const diamondStorage = new Map<string, string>([
    [slotHex(36n), addrWord(admin)],
    [slotHex(42n), addrWord(WORLD_CHAIN_TYPE_MANAGER)],
    [slotHex(47n), addrWord(addr('l1-rollup-da-validator'))],
    [slotHex(48n), addrWord(bytesToHex(seeded(seed, 'l2-da-validator').subarray(12)))],
    [slotHex(57n), word(1n)],
    [slotHex(entry(addressKey(timelock), 9n)), word(1n)],
    ...diamondStorageOf(facets, 0, facets.length),
  ])
  const ctmStorage = new Map<string, string>([
    [slotHex(51n), addrWord(addr('protocol-upgrade-handler'))],
    [slotHex(157n), word(version)],
    [slotHex(entry(pad32(version), 158n)), word(MAX_UINT)],
    [slotHex(161n), addrWord(addr('ctm-admin'))],
    [slotHex(165n), addrWord(timelock)],
  ])
  const timelockStorage = new Map<string, string>([
    [slotHex(51n), addrWord(addr('timelock-owner'))],
    [slotHex(202n), word(executionDelay)],
  ])
  const stub = (label: string) =>
    bytesToHex(concatBytes(hexToBytes('0x6080604052'), keccak_256(seeded(seed, 'code', label))))
  const contracts: L1ContractSpec[] = [
    { address: WORLD_CHAIN_TYPE_MANAGER, code: stub('ctm'), storage: ctmStorage },
    { address: timelock, code: stub('validator-timelock'), storage: timelockStorage },
    ...facets.map((f) => ({ address: f.address, code: f.code, storage: new Map<string, string>() })),
  ]

  // The upgrade step: a new verifier and key, a fifth facet, and a pending upgrade to 0.30.0.
  const verifier = upgradedVerifierContracts({
    verifier: addr('verifier-v2'),
    fflonk: zk.verifierCode.fflonk,
    plonk: addr('verifier-v2-plonk'),
  })
  const extra = facet(seed, 'ChainAssetHandlerFacet', true, [
    'forwardedBridgeBurn(address,address,bytes)',
    'forwardedBridgeMint(bytes,bool)',
    'forwardedBridgeRecoverFailedTransfer(uint256,bytes32,address,bytes)',
  ])
  const newVersion = 30n << 32n
  const cutHash = bytesToHex(
    keccak_256(new TextEncoder().encode(`lightproof world ${seed}: cut 0.29.4 → 0.30.0`)),
  )
  const deadline = 1_900_000_000n
  const D = zk.diamond
  const writes: StorageWrite[] = [
    { address: D, slot: slotHex(10n), value: addrWord(verifier.verifier) },
    ...[...diamondStorageOf([extra], facets.length, facets.length + 1)].map(([slot, value]) => ({
      address: D,
      slot,
      value,
    })),
    { address: WORLD_CHAIN_TYPE_MANAGER, slot: slotHex(157n), value: word(newVersion) },
    { address: WORLD_CHAIN_TYPE_MANAGER, slot: slotHex(entry(pad32(version), 158n)), value: word(deadline) },
    {
      address: WORLD_CHAIN_TYPE_MANAGER,
      slot: slotHex(entry(pad32(newVersion), 158n)),
      value: word(MAX_UINT),
    },
    { address: WORLD_CHAIN_TYPE_MANAGER, slot: slotHex(entry(pad32(version), 160n)), value: cutHash },
  ]
  return {
    diamondStorage,
    contracts,
    facets,
    admin,
    executionDelay,
    upgrade: {
      writes,
      contracts: [
        ...verifier.contracts
          .filter((c) => c.address !== zk.verifierCode.fflonk)
          .map((c) => ({ ...c, storage: new Map<string, string>() })),
        { address: extra.address, code: extra.code, storage: new Map<string, string>() },
      ],
      verifier,
      facet: extra,
      cutHash,
      newVersion,
    },
  }
}

/** Lying modes of the L1 node about the watched contracts (`npm run world -- --lie watch-…`). */
export const WATCH_LIES = ['changed-slot', 'facet-code'] as const
export type WatchLie = (typeof WATCH_LIES)[number]

export const WATCH_LIE_HELP: Record<WatchLie, string> = {
  'changed-slot':
    'the L1 node claims another admin in the diamond’s slot 36 (its proof unchanged): zksync.watch.admin fails',
  'facet-code':
    'the L1 node claims another codeHash for the first facet’s account: zksync.watch.facet[0].code fails',
}

export interface WatchAnswers {
  l1Proof(answer: EthGetProofJson): EthGetProofJson
  setLie(lie: WatchLie | undefined): void
}

/** Rewrites the L1 node's eth_getProof answers under a watch-* lie. */
export function watchService(zk: ZksyncWorld, gov: WorldGovernance, initial?: WatchLie): WatchAnswers {
  let lie = initial
  const adminSlot = slotHex(36n)
  const firstFacet = gov.facets[0]!.address
  return {
    l1Proof(answer) {
      if (lie === 'changed-slot' && answer.address === zk.diamond)
        return {
          ...answer,
          storageProof: answer.storageProof.map((s) =>
            `0x${s.key.slice(2).padStart(64, '0')}` === adminSlot
              ? { ...s, value: addrWord(bytesToHex(seeded(zk.seed, 'governance', 'usurper').subarray(12))) }
              : s,
          ),
        }
      if (lie === 'facet-code' && answer.address === firstFacet)
        return { ...answer, codeHash: bytesToHex(keccak_256(hexToBytes(gov.upgrade.facet.code))) }
      return answer
    },
    setLie(next) {
      lie = next
    },
  }
}
