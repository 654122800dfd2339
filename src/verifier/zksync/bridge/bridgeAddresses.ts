/**
 * The L1Nullifier each network's L1 holds: the contract that records which withdrawals were finalized
 * (`isWithdrawalFinalized`) and which deposits can be reclaimed (`depositHappened`). Mainnet
 * `0xD7f9f54194C633F36CCD5F3da84ad4a1c38cB2cB` (zksync-era `etc/env/ecosystems/mainnet.yaml` l1_nullifier_addr;
 * research next-wave.md §1.4); the test world puts its own at the same address. Sepolia's is not in Lightproof's
 * sources yet, so there the claim question stays unanswered. Hoodi has no Era chain.
 *
 * Like the diamond's (diamondAddress.ts), this address is a trust anchor: storage proven at the trusted state
 * root says what the L1Nullifier recorded only if the account is the L1Nullifier. It is never read from a file.
 */
export const MAINNET_L1_NULLIFIER = '0xd7f9f54194c633f36ccd5f3da84ad4a1c38cb2cb'

export const L1_NULLIFIERS: Readonly<Record<string, string | null>> = {
  mainnet: MAINNET_L1_NULLIFIER,
  sepolia: null,
  hoodi: null,
  'lightproof-devnet': MAINNET_L1_NULLIFIER,
}

export type NullifierChoice = { ok: true; address: string } | { ok: false; reason: string }

/** The L1Nullifier of a network; a network the evidence does not name is taken to be mainnet's (as the diamond). */
export function nullifierAddressOf(network: string | null): NullifierChoice {
  if (network === null) return { ok: true, address: MAINNET_L1_NULLIFIER }
  if (!Object.hasOwn(L1_NULLIFIERS, network))
    return { ok: false, reason: `network ${network} has no built-in L1Nullifier` }
  const address = L1_NULLIFIERS[network]!
  return address === null
    ? { ok: false, reason: `Lightproof does not know the L1Nullifier of ${network} yet` }
    : { ok: true, address }
}
