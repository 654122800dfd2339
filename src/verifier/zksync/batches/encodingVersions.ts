import { InputError } from '../../../shared/errors'

/**
 * The version byte that heads the `bytes data` of every v26+ commit, prove and execute call
 * (`commitBatchesSharedBridge(…, bytes)`, `proveBatchesSharedBridge(…, bytes)`,
 * `executeBatchesSharedBridge(…, bytes)`; EC `state-transition/libraries/BatchDecoder.sol`), as one table keyed
 * by the byte. Each row says which calls use it, for which chains, from which protocol version, and whether
 * Lightproof decodes it. A version whose layout is not on an era-contracts release (or release-candidate)
 * branch is recognised by its byte and reported as "encoding version N not supported yet": the verdict is then
 * incomplete, never failed, and nothing is decoded by guess.
 */
export type BatchCall = 'commit' | 'prove' | 'execute'

export interface BatchDataEncodingVersion {
  version: number
  calls: readonly BatchCall[]
  /** EraVM chains (Era and the other Era-VM ZK chains) or ZKsync OS chains. */
  vm: 'EraVM' | 'ZKsync OS'
  /** The first protocol version whose Executor accepts this byte. */
  firstProtocolVersion: number
  /** Whether Lightproof decodes (and checks) payloads under this byte. */
  decoded: boolean
  /** What changed with this version, for people reading a report. */
  note: string
  /** Where the byte is defined: era-contracts commit and file. */
  source: string
}

export const BATCH_DATA_ENCODING_VERSIONS: readonly BatchDataEncodingVersion[] = [
  {
    version: 0,
    calls: ['commit', 'prove', 'execute'],
    vm: 'EraVM',
    firstProtocolVersion: 26,
    decoded: true,
    note: '8-field StoredBatchInfo; execute carries priority-operation Merkle proofs',
    source:
      'EC release-v26 f7ecdb91f7941a3be01ce08bf6a2e4a5fb02a8d5 … release-v28-2 a1a7188c38771ae89a02d8d8788368a6943fef3d BatchDecoder.sol SUPPORTED_ENCODING_VERSION = 0',
  },
  {
    version: 1,
    calls: ['commit', 'prove', 'execute'],
    vm: 'EraVM',
    firstProtocolVersion: 29,
    decoded: true,
    note: '9-field StoredBatchInfo (dependencyRootsRollingHash); execute adds dependency roots (v29) and logs, messages, multichain batch roots and the settlement fee payer (v31)',
    source:
      'EC main 5e7d0b405b49f42131565a291a82f22565f72e33 and draft-v31 4859b6fd456eaf943b80c6934cb24fab9026f035 BatchDecoder.sol SUPPORTED_ENCODING_VERSION = 1',
  },
  {
    version: 2,
    calls: ['commit'],
    vm: 'ZKsync OS',
    firstProtocolVersion: 29,
    decoded: false,
    note: 'CommitBatchInfoZKsyncOS, first form',
    source:
      'EC tag zkos-v0.29.5 a5dc3085bd611639f654a1f0776326751bb4cbc5 BatchDecoder.sol SUPPORTED_ENCODING_VERSION_COMMIT_ZKSYNC_OS = 2',
  },
  {
    version: 3,
    calls: ['commit'],
    vm: 'ZKsync OS',
    firstProtocolVersion: 30,
    decoded: false,
    note: 'CommitBatchInfoZKsyncOS, second form',
    source:
      'EC tag zkos-v0.30.0 a233f74066aed7a9f750fd4ed1efd67b5f5fe9a3 BatchDecoder.sol SUPPORTED_ENCODING_VERSION_COMMIT_ZKSYNC_OS = 3',
  },
  {
    version: 4,
    calls: ['commit'],
    vm: 'ZKsync OS',
    firstProtocolVersion: 31,
    decoded: false,
    note: 'CommitBatchInfoZKsyncOS (batchOutputHash commitment, firstBlock/lastBlock fields)',
    source:
      'EC draft-v31 4859b6fd456eaf943b80c6934cb24fab9026f035 BatchDecoder.sol SUPPORTED_ENCODING_VERSION_COMMIT_ZKSYNC_OS = 4',
  },
  {
    version: 5,
    calls: ['commit', 'prove', 'execute'],
    vm: 'EraVM',
    firstProtocolVersion: 33,
    decoded: false,
    note: 'v33 (Boojum + Airbender proofs): StoredBatchInfo gains airbenderCommitment, CommitBatchInfo gains airbenderBootloaderHeapHash; the layout is not on a release branch yet',
    source:
      'EC PR #2451 (v33), BatchDecoder.t.sol SUPPORTED_ENCODING_VERSION = 5 (research next-wave.md §0.1)',
  },
  {
    version: 6,
    calls: ['commit'],
    vm: 'ZKsync OS',
    firstProtocolVersion: 33,
    decoded: false,
    note: 'v33 ZKsync OS commit (the StoredBatchInfo it embeds gained airbenderCommitment)',
    source:
      'EC PR #2451 (v33), BatchDecoder.t.sol SUPPORTED_ENCODING_VERSION_COMMIT_ZKSYNC_OS = 6 (research next-wave.md §0.1)',
  },
]

export function encodingVersionRow(version: number): BatchDataEncodingVersion | undefined {
  return BATCH_DATA_ENCODING_VERSIONS.find((v) => v.version === version)
}

/** Error code of a well-formed input that this verifier does not support (unknown selector or version). */
export const UNSUPPORTED_CODE = 'zksync.calldata.unsupported'

/**
 * A well-formed call whose version byte Lightproof does not decode (yet). Callers turn it into an `error` check,
 * so the verdict is incomplete with this message; it is never a failed check.
 */
export class UnsupportedEncodingVersionError extends InputError {
  readonly call: BatchCall
  readonly version: number
  constructor(call: BatchCall, version: number, message: string) {
    super(message, UNSUPPORTED_CODE)
    this.name = 'UnsupportedEncodingVersionError'
    this.call = call
    this.version = version
  }
}

/**
 * Checks the version byte of a `bytes data` payload against what the selector's era accepts. Returns normally
 * only for the one version the selector's BatchDecoder decodes; otherwise throws UnsupportedEncodingVersionError
 * whose message starts "encoding version N not supported yet" and says what the byte is, when it is known.
 */
export function requireEncodingVersion(
  call: BatchCall,
  version: number,
  selector: { selector: string; protocols: string; encodingVersion?: number },
): void {
  if (version === selector.encodingVersion) return
  const row = encodingVersionRow(version)
  let what: string
  if (!row) what = 'no era-contracts release or draft uses this byte'
  else if (!row.calls.includes(call))
    what = `version ${version} is a ${row.vm} ${row.calls.join('/')} encoding`
  else
    what =
      `${row.vm} ${call} encoding from protocol v${row.firstProtocolVersion}: ${row.note}` +
      (row.decoded
        ? `; selector ${selector.selector} (${selector.protocols}) uses version ${selector.encodingVersion}`
        : '')
  throw new UnsupportedEncodingVersionError(
    call,
    version,
    `encoding version ${version} not supported yet (${call} call ${selector.selector}, ${selector.protocols}: ${what})`,
  )
}
