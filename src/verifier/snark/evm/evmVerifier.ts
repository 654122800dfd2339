import type { EVM } from '@ethereumjs/evm'
import { InputError } from '../../../shared/errors'
import { keccak_256 } from '../../crypto/backends'
import { decodeStrict, encodeAbi } from '../../encoding/abi'
import { bytesToHex, concatBytes } from '../../encoding/hex'

/**
 * L1's own verifier code, run locally: the bytecode of a ZKsync verifier contract (PLONK, FFLONK or the
 * DualVerifier that routes between them) executed in @ethereumjs/evm with its BN254 precompiles (noble, pure
 * JS: no native module), so `verificationKeyHash()` and `verify(…)` are answered by the very code L1 runs rather
 * than by an endpoint's eth_call. Pure: no network, no disk, a fresh in-memory state per call. The caller is
 * responsible for the code being the proven one (checkVerifierCode.ts holds it to the proven codeHash).
 */

/** Runtime bytecode at an address, as eth_getCode returns it. */
export interface ContractCode {
  address: string
  code: Uint8Array
}

export interface EvmCallOutcome {
  /** The call returned (no revert, no exceptional halt). */
  success: boolean
  returnValue: Uint8Array
  gasUsed: bigint
  /** Why it did not return: a decoded `Error(string)`, a custom error's selector, or the EVM's halt reason. */
  revert?: string
}

/** Gas for one call: a PLONK verify uses ~0.4 M on L1; 30 M (a block) bounds hostile code. */
const CALL_GAS = 30_000_000n
const CALLER = '0x000000000000000000000000000000000000c0de'

const selector = (signature: string) => keccak_256(new TextEncoder().encode(signature)).subarray(0, 4)

/** Addresses up to 0xff are precompiles (0x01–0x11 under Prague) or reserved for them: code there never runs. */
function requireContractAddress(address: string): void {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new InputError(`EVM: ${address} is not an address`)
  if (BigInt(address) < 0x100n) throw new InputError(`EVM: ${address} is in the precompile range`)
}

type EthereumJs = [
  typeof import('@ethereumjs/common'),
  typeof import('@ethereumjs/evm'),
  typeof import('@ethereumjs/util'),
]
let ethereumJs: Promise<EthereumJs> | undefined

/**
 * The EVM and its companions, loaded on the first call: they take ~0.4 s to import, which every CLI verdict and
 * app start would otherwise pay although only a batch proof checked against L1's verifier code runs them.
 */
function loadEthereumJs(): Promise<EthereumJs> {
  ethereumJs ??= Promise.all([
    import('@ethereumjs/common'),
    import('@ethereumjs/evm'),
    import('@ethereumjs/util'),
  ])
  return ethereumJs
}

async function createAddress(address: string) {
  const [, , { createAddressFromString }] = await loadEthereumJs()
  return createAddressFromString(address)
}

async function evmWith(codes: readonly ContractCode[]): Promise<EVM> {
  const [{ Common, Hardfork, Mainnet }, { createEVM }, { Account, createAddressFromString }] =
    await loadEthereumJs()
  // Prague: the precompiles and opcodes of today's L1 (Cancun's MCOPY, the BN254 precompiles 0x06–0x08, modexp 0x05).
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Prague }) })
  for (const { address, code } of codes) {
    requireContractAddress(address)
    const a = createAddressFromString(address)
    await evm.stateManager.putAccount(a, new Account())
    await evm.stateManager.putCode(a, code)
  }
  return evm
}

/** The reason a reverted call gives: `Error(string)` decoded, otherwise the first four bytes (a custom error). */
function revertReason(data: Uint8Array): string {
  const errorString = bytesToHex(selector('Error(string)'))
  if (data.length >= 4 && bytesToHex(data.subarray(0, 4)) === errorString) {
    try {
      return `revert: ${String(decodeStrict(['string'], data.subarray(4), 'revert reason').values[0])}`
    } catch {
      // fall through to the raw selector
    }
  }
  return data.length >= 4 ? `revert with error selector ${bytesToHex(data.subarray(0, 4))}` : 'revert'
}

/** Calls `target` with `data` in a fresh EVM holding `codes`. */
export async function callContractCode(
  codes: readonly ContractCode[],
  target: string,
  data: Uint8Array,
): Promise<EvmCallOutcome> {
  if (!codes.some((c) => c.address.toLowerCase() === target.toLowerCase()))
    throw new InputError(`EVM call: no code for ${target}`)
  const evm = await evmWith(codes)
  const result = await evm.runCall({
    caller: await createAddress(CALLER),
    to: await createAddress(target),
    data,
    gasLimit: CALL_GAS,
    skipBalance: true,
  })
  const exec = result.execResult
  const failure = exec.exceptionError
  return {
    success: !failure,
    returnValue: exec.returnValue,
    gasUsed: exec.executionGasUsed,
    ...(failure
      ? { revert: failure.error === 'revert' ? revertReason(exec.returnValue) : `EVM halt: ${failure.error}` }
      : {}),
  }
}

/**
 * Runs creation bytecode (with its ABI-encoded constructor arguments appended) and returns the runtime code it
 * leaves: how a contract with immutables, such as the DualVerifier, gets the code L1 would hold.
 */
export async function evmDeploy(creationCode: Uint8Array): Promise<Uint8Array> {
  const evm = await evmWith([])
  const result = await evm.runCall({
    caller: await createAddress(CALLER),
    data: creationCode,
    gasLimit: CALL_GAS,
    skipBalance: true,
  })
  const failure = result.execResult.exceptionError
  if (failure || !result.createdAddress)
    throw new InputError(`EVM deploy: the creation code did not run (${failure?.error ?? 'no address'})`)
  return evm.stateManager.getCode(result.createdAddress)
}

function oneWord(outcome: EvmCallOutcome, what: string): Uint8Array {
  if (!outcome.success) throw new InputError(`${what}: the call did not return (${outcome.revert})`)
  if (outcome.returnValue.length !== 32)
    throw new InputError(`${what}: returned ${outcome.returnValue.length} bytes, expected one 32-byte word`)
  return outcome.returnValue
}

/**
 * `verificationKeyHash()` of the code at `target`, or the DualVerifier's `verificationKeyHash(uint256 type)`
 * when `verifierType` is given (EC main DualVerifier.sol: type 0 FFLONK, 1 PLONK). Throws InputError when the
 * code does not answer with one word (not a verifier, or no such type).
 */
export async function evmVerificationKeyHash(
  codes: readonly ContractCode[],
  target: string,
  verifierType?: bigint,
): Promise<string> {
  const data =
    verifierType === undefined
      ? selector('verificationKeyHash()')
      : concatBytes(selector('verificationKeyHash(uint256)'), encodeAbi(['uint256'], [verifierType]))
  const what = `verificationKeyHash(${verifierType === undefined ? '' : verifierType}) of ${target}`
  return bytesToHex(oneWord(await callContractCode(codes, target, data), what))
}

/** An address-returning getter such as the DualVerifier's `FFLONK_VERIFIER()` / `PLONK_VERIFIER()`. */
export async function evmAddressGetter(
  codes: readonly ContractCode[],
  target: string,
  signature: string,
): Promise<string> {
  const word = oneWord(
    await callContractCode(codes, target, selector(signature)),
    `${signature} of ${target}`,
  )
  if (word.subarray(0, 12).some((b) => b !== 0))
    throw new InputError(`${signature} of ${target}: not an address word`)
  return bytesToHex(word.subarray(12))
}

export interface EvmVerifyOutcome {
  /** `verify` returned true. A `false` return and a revert are both refusals; `revert` says which. */
  accepted: boolean
  gasUsed: bigint
  revert?: string
  returned?: string
}

/**
 * `verify(uint256[] publicInputs, uint256[] proof)` (EC main IVerifier.sol, selector 0xb864f5a9) run on the code
 * at `target`: the proof words exactly as the Executor passes them (for the DualVerifier, with the type word).
 */
export async function evmVerify(
  codes: readonly ContractCode[],
  target: string,
  publicInputs: readonly bigint[],
  proof: readonly bigint[],
): Promise<EvmVerifyOutcome> {
  const data = concatBytes(
    selector('verify(uint256[],uint256[])'),
    encodeAbi(['uint256[]', 'uint256[]'], [publicInputs, proof]),
  )
  const outcome = await callContractCode(codes, target, data)
  if (!outcome.success) return { accepted: false, gasUsed: outcome.gasUsed, revert: outcome.revert! }
  const ret = bytesToHex(outcome.returnValue)
  const TRUE = '0x' + '00'.repeat(31) + '01'
  return { accepted: ret === TRUE, gasUsed: outcome.gasUsed, returned: ret }
}
