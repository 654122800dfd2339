import { keccak_256 } from '@noble/hashes/sha3.js'
import { bigintToBytes32, bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { EMPTY_TRIE_ROOT } from '../../src/verifier/mpt/verifyMptProof'
import { buildStorageTrie, encodeAccountLeaf, SecureTrie } from './stateTrie'

/** keccak256 of empty code (Yellow Paper §4.1): the codeHash of every account without code. */
export const EMPTY_CODE_HASH = keccak_256(new Uint8Array(0))

/** One account of the world state. Storage maps a slot (0x + 64 lowercase hex digits) to its word. */
export interface AccountState {
  nonce: bigint
  balance: bigint
  code: Uint8Array
  storage: ReadonlyMap<string, bigint>
}

/** An eth_getProof result (EIP-1186) in JSON-RPC shape: quantities and data as 0x-hex strings. */
export interface EthGetProofJson {
  address: string
  balance: string
  nonce: string
  codeHash: string
  storageHash: string
  accountProof: string[]
  storageProof: { key: string; value: string; proof: string[] }[]
}

/** Lowercase 0x-address; throws on anything but 20 bytes of hex. */
export function normalizeAddress(address: string): string {
  return bytesToHex(hexToBytes(address, 'address', 20))
}

/** A storage slot as 32-byte lowercase hex; accepts 0x-hex of 1–64 digits (a QUANTITY or a padded word). */
export function normalizeSlot(slot: string | bigint): string {
  if (typeof slot === 'bigint') return bytesToHex(bigintToBytes32(slot))
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(slot))
    throw new Error(`storage slot: not 0x-hex of at most 32 bytes: ${slot}`)
  return '0x' + slot.slice(2).toLowerCase().padStart(64, '0')
}

// Storage maps that did not change between blocks are the same object, so their trie is built once.
const storageTries = new WeakMap<ReadonlyMap<string, bigint>, SecureTrie>()

function storageTrieOf(storage: ReadonlyMap<string, bigint>): SecureTrie {
  let trie = storageTries.get(storage)
  if (trie === undefined) {
    trie = buildStorageTrie([...storage].map(([slot, value]) => [hexToBytes(slot, 'slot', 32), value]))
    storageTries.set(storage, trie)
  }
  return trie
}

/**
 * The world state after one block: accounts by lowercase address, with the state trie built over them. Empty
 * accounts (no nonce, balance, code or storage) are left out, as EIP-161 deletes them.
 */
export class L1State {
  readonly root: Uint8Array
  private readonly trie: SecureTrie

  constructor(readonly accounts: ReadonlyMap<string, AccountState>) {
    const leaves = []
    for (const [address, a] of accounts) {
      if (isEmpty(a)) continue
      leaves.push({ key: hexToBytes(address, 'address', 20), value: encodeAccountLeaf(this.leafOf(a)) })
    }
    this.trie = new SecureTrie(leaves)
    this.root = this.trie.root
  }

  account(address: string): AccountState | undefined {
    const a = this.accounts.get(normalizeAddress(address))
    return a === undefined || isEmpty(a) ? undefined : a
  }

  balance(address: string): bigint {
    return this.account(address)?.balance ?? 0n
  }

  nonce(address: string): bigint {
    return this.account(address)?.nonce ?? 0n
  }

  code(address: string): Uint8Array {
    return this.account(address)?.code ?? new Uint8Array(0)
  }

  storageAt(address: string, slot: string | bigint): bigint {
    return this.account(address)?.storage.get(normalizeSlot(slot)) ?? 0n
  }

  storageRoot(address: string): Uint8Array {
    const a = this.account(address)
    return a === undefined ? EMPTY_TRIE_ROOT : storageTrieOf(a.storage).root
  }

  /**
   * The eth_getProof answer for `address` and `slots` at this state, as geth gives it: an absent account has
   * balance and nonce 0, the empty storage root and a zero codeHash; an absent slot has value 0 and an
   * exclusion proof. Keys are echoed as asked.
   */
  getProof(address: string, slots: readonly string[]): EthGetProofJson {
    const addr = normalizeAddress(address)
    const a = this.account(addr)
    const storage = a === undefined ? undefined : storageTrieOf(a.storage)
    return {
      address: addr,
      balance: quantity(a?.balance ?? 0n),
      nonce: quantity(a?.nonce ?? 0n),
      codeHash: bytesToHex(a === undefined ? new Uint8Array(32) : keccak_256(a.code)),
      storageHash: bytesToHex(storage?.root ?? EMPTY_TRIE_ROOT),
      accountProof: this.trie.prove(hexToBytes(addr)).map(bytesToHex),
      storageProof: slots.map((key) => {
        const slot = normalizeSlot(key)
        return {
          key,
          value: quantity(a?.storage.get(slot) ?? 0n),
          proof: storage === undefined ? [] : storage.prove(hexToBytes(slot)).map(bytesToHex),
        }
      }),
    }
  }

  private leafOf(a: AccountState) {
    return {
      nonce: a.nonce,
      balance: a.balance,
      storageRoot: storageTrieOf(a.storage).root,
      codeHash: a.code.length === 0 ? EMPTY_CODE_HASH : keccak_256(a.code),
    }
  }
}

function isEmpty(a: AccountState): boolean {
  return (
    a.nonce === 0n &&
    a.balance === 0n &&
    a.code.length === 0 &&
    ![...a.storage.values()].some((v) => v !== 0n)
  )
}

export function quantity(v: bigint): string {
  return '0x' + v.toString(16)
}
