import { keccak_256 } from '@noble/hashes/sha3.js'
import { bigintToBytes32, bytesToHex } from '../../src/verifier/encoding/hex'
import { buildL1World, deriveAddress, deriveBytes, type L1World, type L1WorldSpec } from './buildL1World'

/** The ZKsync Era diamond proxy on Ethereum mainnet (research/zksync.md). */
export const ZKSYNC_DIAMOND = '0x32400084c286cf3e17e7b677ea9583e60a000324'

/** topic0 of the diamond's `BlockCommit(uint256 indexed batchNumber, bytes32 indexed batchHash, bytes32 indexed commitment)`. */
export const BLOCK_COMMIT_TOPIC = bytesToHex(
  keccak_256(new TextEncoder().encode('BlockCommit(uint256,bytes32,bytes32)')),
)

/**
 * A small stand-alone world for tests and for trying the server by hand: `accounts` funded accounts, the
 * diamond with a few stand-in storage words, and three calls to it (commit, prove, execute stand-ins) that
 * bump its counter slot one block after another and each emit a BlockCommit-like event. The real diamond storage and calldata come from the zksync
 * part when the lead composes the full world.
 */
export function exampleL1WorldSpec(seed = 'example', accounts = 8): L1WorldSpec {
  return {
    seed,
    accounts: Array.from({ length: accounts }, (_, i) => ({
      address: deriveAddress(seed, `account/${i}`),
      balance: BigInt(i + 1) * 10n ** 18n + BigInt(i),
    })),
    contracts: [
      {
        address: ZKSYNC_DIAMOND,
        code: '0x60006000fd', // PUSH1 0 PUSH1 0 REVERT: code is present, its content does not matter here
        storage: new Map([
          ['0x0b', '0x01'],
          ['0x0c', bytesToHex(new Uint8Array(32).fill(0xab))],
        ]),
      },
    ],
    transactions: [1, 2, 3].map((n) => ({
      to: ZKSYNC_DIAMOND,
      input: '0x98f81962' + n.toString(16).padStart(64, '0'),
      writes: [{ address: ZKSYNC_DIAMOND, slot: '0x0b', value: '0x' + (n + 1).toString(16) }],
      logs: [
        {
          address: ZKSYNC_DIAMOND,
          topics: [BLOCK_COMMIT_TOPIC, bytesToHex(bigintToBytes32(BigInt(n)))],
          data: bytesToHex(deriveBytes(seed, `example-log/${n}`)),
        },
      ],
    })),
  }
}

export function exampleL1World(seed = 'example', accounts = 8): L1World {
  return buildL1World(exampleL1WorldSpec(seed, accounts))
}
