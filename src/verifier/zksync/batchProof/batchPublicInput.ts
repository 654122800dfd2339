import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bytesToBigint, concatBytes } from '../../encoding/hex'

/**
 * The one public input of a ZKsync Era batch proof, per protocol version (zksync.md §2.1). Both formulas hash
 * 32-byte words and keep the top 224 bits (`>> PUBLIC_INPUT_SHIFT`, common/Config.sol), so the input is always
 * below r. A new version is a new table row.
 */
export const PUBLIC_INPUT_SHIFT = 32n

export interface PublicInputRule {
  fromVersion: number
  toVersion: number
  /** The 32-byte words hashed, in order. */
  words: readonly (
    'prevCommitment' | 'currCommitment' | 'recursionNodeLevelVkHash' | 'recursionLeafLevelVkHash'
  )[]
  source: string
}

export const PUBLIC_INPUT_RULES: readonly PublicInputRule[] = [
  {
    fromVersion: 0,
    toVersion: 22,
    words: ['prevCommitment', 'currCommitment', 'recursionNodeLevelVkHash', 'recursionLeafLevelVkHash'],
    source: 'EC release-v18 Executor._getBatchProofPublicInput (VK hashes from getVerifierParams())',
  },
  {
    fromVersion: 23,
    toVersion: Number.MAX_SAFE_INTEGER,
    words: ['prevCommitment', 'currCommitment'],
    source: 'EC main Executor._getBatchProofPublicInput',
  },
]

export interface BatchPublicInputParts {
  /** Minor protocol version (e.g. 24 for v0.24.x), read from L1 at the batch's commit block. */
  protocolVersion: number
  /** StoredBatchInfo.commitment of batch n − 1 and of batch n, both bound to L1 storage by the caller. */
  prevCommitment: Uint8Array
  currCommitment: Uint8Array
  /** Only for ≤ v22: `s.__DEPRECATED_verifierParams` of the diamond. */
  recursionNodeLevelVkHash?: Uint8Array
  recursionLeafLevelVkHash?: Uint8Array
}

export function publicInputRule(protocolVersion: number): PublicInputRule {
  const rule = PUBLIC_INPUT_RULES.find(
    (r) => protocolVersion >= r.fromVersion && protocolVersion <= r.toVersion,
  )
  if (!rule || !Number.isInteger(protocolVersion)) {
    throw new InputError(`no public-input rule for protocol version ${protocolVersion}`)
  }
  return rule
}

/** `uint256(keccak256(word_1 ‖ … ‖ word_k)) >> 32` with the words the version's rule names. */
export function batchPublicInput(parts: BatchPublicInputParts): bigint {
  const rule = publicInputRule(parts.protocolVersion)
  const words = rule.words.map((name) => {
    const w = parts[name]
    if (!w)
      throw new InputError(`protocol version ${parts.protocolVersion} needs ${name} for the public input`)
    if (w.length !== 32) throw new InputError(`${name}: expected 32 bytes, got ${w.length}`)
    return w
  })
  return bytesToBigint(keccak_256(concatBytes(...words))) >> PUBLIC_INPUT_SHIFT
}

/**
 * Airbender-proven EraVM (experimental EC branch vv/eravm-airbender-settlement): the program output (8 u32 words
 * = keccak(prevCommitment ‖ currCommitment)) and the guest binary commitment (8 u32 words), each u32 written
 * little-endian, hashed and shifted like the Era input.
 */
export function airbenderPublicInput(
  programOutput: readonly number[],
  binaryCommitment: readonly number[],
): bigint {
  if (programOutput.length !== 8 || binaryCommitment.length !== 8) {
    throw new InputError(
      'Airbender public input: expected 8 u32 words of program output and of binary commitment',
    )
  }
  const buf = new Uint8Array(64)
  const view = new DataView(buf.buffer)
  ;[...programOutput, ...binaryCommitment].forEach((word, i) => {
    if (!Number.isInteger(word) || word < 0 || word > 0xffffffff)
      throw new InputError(`u32 word ${i} out of range`)
    view.setUint32(4 * i, word, true)
  })
  return bytesToBigint(keccak_256(buf)) >> PUBLIC_INPUT_SHIFT
}
