import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { encodeAbi } from '../../src/verifier/encoding/abi'
import { bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import { evmAddressGetter, evmDeploy, evmVerificationKeyHash } from '../../src/verifier/snark/evm/evmVerifier'
import { eraVerifierContracts } from './eraVerifiers'

const addresses = {
  verifier: '0x' + 'a1'.repeat(20),
  fflonk: '0x' + 'b2'.repeat(20),
  plonk: '0x' + 'c3'.repeat(20),
}

describe('the world’s verifier contracts', () => {
  it('the DualVerifier’s runtime code is what its constructor leaves for these two addresses', async () => {
    const fixture = JSON.parse(
      readFileSync(
        new URL('../../tests/fixtures/verifier-bytecode/era-verifiers.json', import.meta.url),
        'utf8',
      ),
    ) as { contracts: { name: string; creationBytecode: string }[] }
    const creation = fixture.contracts.find((c) => c.name === 'era-main-dual')!.creationBytecode
    const deployed = await evmDeploy(
      concatBytes(
        hexToBytes(creation),
        encodeAbi(['address', 'address'], [addresses.fflonk, addresses.plonk]),
      ),
    )
    const world = eraVerifierContracts(addresses)
    expect(world.contracts[0]!.code).toBe(bytesToHex(deployed))
  })

  it('names its two verifiers and their era-contracts keys', async () => {
    const codes = eraVerifierContracts(addresses).contracts.map((c) => ({
      address: c.address,
      code: hexToBytes(c.code),
    }))
    expect(await evmAddressGetter(codes, addresses.verifier, 'FFLONK_VERIFIER()')).toBe(addresses.fflonk)
    expect(await evmAddressGetter(codes, addresses.verifier, 'PLONK_VERIFIER()')).toBe(addresses.plonk)
    expect(await evmVerificationKeyHash(codes, addresses.verifier, 0n)).toBe(
      '0xc8cd705a0db89577146137de78eba6bd1f1c9c3f66dc52f7627e7c2df30895b2',
    )
    expect(await evmVerificationKeyHash(codes, addresses.verifier, 1n)).toBe(
      '0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84',
    )
  })
})
