/**
 * The real eth_getProof results in ../shared/fixtures/l1 (PROVENANCE.md sets B, C, E, F, G) with the state
 * root each one was taken at. Pure data, shared by the tests and the `mpt-proofs` bench figure; the files are
 * read by the caller (tests/support/fixtures.ts), since src/verifier never touches the disk.
 */
export interface RealProofCase {
  name: string
  /** Path relative to shared/fixtures. */
  file: string
  /** The state root the proofs were taken against (how it is known: PROVENANCE.md). */
  stateRoot: string
  /** Where the eth_getProof results sit in the file; default: the file is one result or response. */
  pick?: (json: unknown) => unknown[]
}

const N = 'l1/nimbus/nimbus_verified_proxy/tests/data'
const C = 'l1/colibri/test/data'
const H = 'l1/helios/tests/testdata/rpc'
const E = 'l1/ethereumjs/packages/statemanager/test/testdata'
const L = 'l1/lodestar/packages/prover/test/fixtures'

/** Ropsten block 11098094: the state root is keccak(first accountProof node) (PROVENANCE.md set G). */
export const ROPSTEN_STATE_ROOT = '0xd487ffaf2f2838d69417f81c9d2bfca5d2e0d024ddda433bba9b8f2099eb96e5'

/** lodestar prover fixtures: the eth_getProof responses among `dependentRequests`. */
function lodestarProofs(json: unknown): unknown[] {
  const out: unknown[] = []
  const deps = (json as { dependentRequests?: { response?: unknown }[] }).dependentRequests ?? []
  for (const dep of deps) {
    const responses = Array.isArray(dep.response) ? dep.response : [dep.response]
    for (const r of responses) {
      const result = (r as { result?: unknown } | undefined)?.result
      if (result && typeof result === 'object' && 'accountProof' in result) out.push(r)
    }
  }
  return out
}

export const REAL_PROOF_CASES: RealProofCase[] = [
  {
    name: 'nimbus WETH + balance slot (mainnet 23223655)',
    file: `${N}/storage_proof.json`,
    stateRoot: '0xd324a9504ad97df5426168230af58254192d50bed56232ac0073d5a63eb6e7e7',
  },
  {
    name: 'colibri USDC implementation slot (mainnet 22432097)',
    file: `${C}/eth_getStorageAt_electra/eth_getProof_0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48___0x7050c9e0f4ca769c69bd3a8ef740bc37934f8e2c.json`,
    stateRoot: '0x77b08a7d7026b6d7e3097d293561e8dcfd70a738a2d8936058b3d18b0f97b3ff',
  },
  {
    name: 'colibri beaverbuild balance (mainnet 22432278)',
    file: `${C}/eth_getBalance_electra/eth_getProof_0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5____0x1564a16.json`,
    stateRoot: '0xd50a7ce9d8ae49f9d222f0799fb8eb005bebd52adf7eaadd79a3cc07e4cdf64c',
  },
  {
    name: 'helios deposit contract + slot 1 (mainnet 21925176)',
    file: `${H}/proof.json`,
    stateRoot: '0x7b3d5a01f69b7d2ea7479fd7ae35f4bac2700ab6d6d7b4807a7fedf53ced710e',
  },
  {
    name: 'helios fee recipient (mainnet 21925176)',
    file: `${H}/block_miner_proof.json`,
    stateRoot: '0x7b3d5a01f69b7d2ea7479fd7ae35f4bac2700ab6d6d7b4807a7fedf53ced710e',
  },
  { name: 'ethereumjs Ropsten EOA', file: `${E}/ropsten_validAccount.json`, stateRoot: ROPSTEN_STATE_ROOT },
  {
    name: 'ethereumjs Ropsten contract, one set and one empty slot',
    file: `${E}/ropsten_contractWithStorage.json`,
    stateRoot: ROPSTEN_STATE_ROOT,
  },
  {
    name: 'ethereumjs Ropsten absent account',
    file: `${E}/ropsten_nonexistentAccount.json`,
    stateRoot: ROPSTEN_STATE_ROOT,
  },
  {
    name: 'lodestar mainnet eth_call accounts (17463226)',
    file: `${L}/mainnet/eth_call.json`,
    stateRoot: '0x48b1c9de2c29aad34db18bac2d2000244793d4c009092c96cf098da47de2a3d6',
    pick: lodestarProofs,
  },
  {
    name: 'lodestar Sepolia contract balance (3445383)',
    file: `${L}/sepolia/eth_getBalance_contract.json`,
    stateRoot: '0x9e8dd89245e9ffaf90070c0c908a155e654259b4607d7cddae7c4de7d66727b6',
    pick: lodestarProofs,
  },
  {
    name: 'lodestar Sepolia EOA balance (3445383)',
    file: `${L}/sepolia/eth_getBalance_eoa.json`,
    stateRoot: '0x9e8dd89245e9ffaf90070c0c908a155e654259b4607d7cddae7c4de7d66727b6',
    pick: lodestarProofs,
  },
]
